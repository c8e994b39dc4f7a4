/*
 * tests/extract/test_extract_corpus.c - the extractor scored on hand-written notices.
 *
 * tests/extract/corpus/NNN-name.txt is a conclusion text; NNN-name.expect
 * holds the meeting's date, the assigning unit and the tasks a clerk would
 * enter, written by hand (see the README lines atop units.txt and each
 * .expect). A proposal matches an expected task when their folded word sets
 * overlap by at least half (Dice >= 0.5), one to one, best pairs first.
 * Printed: task precision and recall, and on matched tasks the accuracy of
 * the lead unit, the deadline, the coordinating units and the recurring flag.
 * Fails below precision 0.85 or recall 0.90 (the bar).
 * EXTRACT_VERBOSE=1 prints every miss.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "core/day.h"
#include "extract/extract.h"
#include "text/normalize.h"
#include "util/arena.h"
#include "util/buf.h"

#define MAX_UNITS 256
#define MAX_EXPECT 64

struct unit_row {
    char *field[6]; /* as read; the names below point into them */
    char *code, *parent, *name, *short_name;
    const char *aliases[4];
};

static struct unit_row units[MAX_UNITS];
static size_t n_units;
static bool verbose;

struct expect {
    char *content, *lead, *coord, *deadline;
    bool recurring;
};

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

static void load_units(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/units.txt", dir);
    size_t len;
    char *text = slurp(path, &len);
    if (!CHECK("units.txt readable", text != NULL))
        exit(check_report());
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '#' || !*trim(line) || n_units == MAX_UNITS)
            continue;
        char *f[6] = {0};
        int k = 0;
        for (char *p = line; k < 6; k++) {
            char *bar = strchr(p, '|');
            if (bar)
                *bar = '\0';
            f[k] = strdup(trim(p));
            if (!bar)
                break;
            p = bar + 1;
        }
        struct unit_row *u = &units[n_units++];
        memcpy(u->field, f, sizeof f);
        u->code = f[0];
        u->parent = f[1];
        u->name = f[3];
        u->short_name = f[4] && *f[4] ? f[4] : NULL;
        size_t na = 0;
        for (char *al = f[5]; al && *al && na < 3;) {
            char *semi = strchr(al, ';');
            if (semi)
                *semi = '\0';
            u->aliases[na++] = trim(al);
            al = semi ? semi + 1 : NULL;
        }
    }
    free(text);
}

static int unit_index(const char *code)
{
    for (size_t i = 0; i < n_units; i++)
        if (strcmp(units[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* The host and everything below it: the directory a clerk of the host would pass. */
static bool under(size_t i, const char *host)
{
    for (int k = (int)i, guard = 0; k >= 0 && guard < 16; guard++) {
        if (strcmp(units[k].code, host) == 0)
            return true;
        k = units[k].parent && *units[k].parent ? unit_index(units[k].parent) : -1;
    }
    return false;
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

/* Does the proposal name the unit written in the .expect (a code, or a name)? */
static bool same_unit(struct arena *a, const char *want, const char *got_name, int64_t got_id)
{
    if (!want || !*want)
        return got_name == NULL;
    if (!got_name)
        return false;
    int k = unit_index(want);
    if (k >= 0)
        return got_id == k + 1;
    return strcmp(text_fold_compact(a, want), text_fold_compact(a, got_name)) == 0;
}

static bool same_coords(struct arena *a, const char *want, const struct extract_task *t)
{
    char *copy = arena_strdup(a, want ? want : "");
    size_t n = 0;
    bool ok = true;
    for (char *c = strtok(copy, ";"); c; c = strtok(NULL, ";")) {
        c = trim(c);
        if (!*c)
            continue;
        bool found = false;
        for (size_t k = 0; k < t->n_coordinating; k++)
            found |= same_unit(a, c, t->coordinating[k], t->coordinating_ids[k]);
        ok &= found;
        n++;
    }
    return ok && n == t->n_coordinating;
}

struct score {
    size_t proposed, expected, matched, lead_ok, deadline_ok, coord_ok, recurring_ok;
};

static void score_case(const char *dir, const char *base, struct score *sc)
{
    char path[512];
    struct arena a = ARENA_INIT;
    snprintf(path, sizeof path, "%s/%s.expect", dir, base);
    size_t len;
    char *ex = slurp(path, &len);
    if (!CHECK(base, ex != NULL))
        return;
    char *date = NULL, *host = NULL;
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
        else if (strcmp(key, "host") == 0)
            host = val;
        else if (strcmp(key, "task") == 0 && n_e < MAX_EXPECT)
            e[n_e++].content = val;
        else if (n_e && strcmp(key, "lead") == 0)
            e[n_e - 1].lead = val;
        else if (n_e && strcmp(key, "coord") == 0)
            e[n_e - 1].coord = val;
        else if (n_e && strcmp(key, "deadline") == 0)
            e[n_e - 1].deadline = val;
        else if (n_e && strcmp(key, "recurring") == 0)
            e[n_e - 1].recurring = strcmp(val, "yes") == 0;
    }
    day_num meeting = DAY_NONE;
    struct error err = ERROR_INIT;
    CHECK_INT_EQ(base, day_parse(date ? date : "", 0, &meeting, "date", &err), 0);

    struct extract_unit *dirunits = calloc(n_units, sizeof *dirunits);
    size_t n_dir = 0;
    int hi = host ? unit_index(host) : -1;
    for (size_t i = 0; i < n_units; i++)
        if (hi >= 0 && under(i, host))
            dirunits[n_dir++] = (struct extract_unit){(int64_t)i + 1, units[i].name,
                                                      units[i].short_name, units[i].aliases, "?"};
    struct extract_dir *xd = extract_dir_new(dirunits, n_dir, hi + 1);
    free(dirunits);

    snprintf(path, sizeof path, "%s/%s.txt", dir, base);
    char *text = slurp(path, &len);
    struct extract_result r;
    int rc = extract_tasks(&a, text, len, meeting, xd, &r, &err);
    CHECK_INT_EQ(base, rc, 0);
    if (rc)
        r.n_tasks = 0;

    /* Best pairs first, each side used once. */
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
        sc->matched++;
        bool lead = same_unit(&a, e[bi].lead, t->lead, t->lead_id);
        char iso[16];
        day_format_iso(t->deadline, iso);
        bool dl = strcmp(iso, e[bi].deadline ? e[bi].deadline : "") == 0;
        bool co = same_coords(&a, e[bi].coord, t);
        bool re = t->recurring == e[bi].recurring;
        sc->lead_ok += lead;
        sc->deadline_ok += dl;
        sc->coord_ok += co;
        sc->recurring_ok += re;
        if (verbose && !(lead && dl && co && re)) {
            printf("  %s: \"%.60s\"\n", base, e[bi].content);
            if (!lead)
                printf("    lead: got %s want %s\n", t->lead ? t->lead : "-",
                       e[bi].lead ? e[bi].lead : "-");
            if (!dl)
                printf("    deadline: got %s (%s) want %s\n", iso,
                       t->deadline_text ? t->deadline_text : "", e[bi].deadline);
            if (!co) {
                printf("    coord: got");
                for (size_t k = 0; k < t->n_coordinating; k++)
                    printf(" [%s]", t->coordinating[k]);
                printf(" want %s\n", e[bi].coord ? e[bi].coord : "-");
            }
            if (!re)
                printf("    recurring: got %d\n", t->recurring);
        }
    }
    for (size_t i = 0; verbose && i < n_e; i++)
        if (!e_used[i])
            printf("  %s: MISSED \"%s\"\n", base, e[i].content);
    for (size_t j = 0; verbose && j < r.n_tasks; j++)
        if (!p_used[j])
            printf("  %s: EXTRA \"%s\"\n", base, r.tasks[j].content);
    sc->proposed += r.n_tasks;
    sc->expected += n_e;
    free(p_used);
    free(e_used);
    free(text);
    free(ex);
    extract_dir_free(xd);
    arena_release(&a);
}

static int by_name(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int main(void)
{
    const char *dir = getenv("GIAOBAN_EXTRACT_CORPUS");
    if (!dir)
        dir = "tests/extract/corpus";
    verbose = getenv("EXTRACT_VERBOSE") != NULL;
    load_units(dir);

    DIR *d = opendir(dir);
    if (!CHECK("corpus directory", d != NULL))
        return check_report();
    char *names[256];
    size_t n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL && n < 256;) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 && strcmp(de->d_name, "units.txt"))
            names[n++] = strndup(de->d_name, l - 4);
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);

    struct score sc = {0};
    for (size_t i = 0; i < n; i++) {
        score_case(dir, names[i], &sc);
        free(names[i]);
    }
    for (size_t i = 0; i < n_units; i++)
        for (int k = 0; k < 6; k++)
            free(units[i].field[k]);
    double p = sc.proposed ? (double)sc.matched / (double)sc.proposed : 0;
    double r = sc.expected ? (double)sc.matched / (double)sc.expected : 0;
    double m = sc.matched ? (double)sc.matched : 1;
    printf("corpus: %zu notices, %zu expected tasks, %zu proposed, %zu matched\n", n, sc.expected,
           sc.proposed, sc.matched);
    printf("precision %.3f  recall %.3f  lead accuracy %.3f  deadline accuracy %.3f  "
           "coordinating accuracy %.3f  recurring accuracy %.3f\n",
           p, r, (double)sc.lead_ok / m, (double)sc.deadline_ok / m, (double)sc.coord_ok / m,
           (double)sc.recurring_ok / m);
    CHECK("at least 20 notices", n >= 20);
    CHECK("precision >= 0.85", p >= 0.85);
    CHECK("recall >= 0.90", r >= 0.90);
    CHECK("lead accuracy >= 0.80", (double)sc.lead_ok / m >= 0.80);
    CHECK("deadline accuracy >= 0.90", (double)sc.deadline_ok / m >= 0.90);
    return check_report();
}
