/*
 * tests/store/test_store_briefing.c - the briefing tables on both backends:
 * the SQL tallies of dossiers and petitions agree with core/dossier.h's rule
 * on generated data for many periods and as-of days; indicators and their
 * values round-trip; a duplicate dossier code is a conflict.
 * Backends: SQLite (a temporary file) and PostgreSQL when GIAOBAN_TEST_PG is set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/store.h"
#include "check.h"

#define N_ITEMS 1500

static uint64_t rng = 0x2545f4914f6cdd1dULL;
static uint32_t rnd(uint32_t n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng % n);
}

struct item {
    int64_t unit;
    int kind;
    day_num received, due, done;
};
static struct item items[N_ITEMS];

/* Tallies from the store against core/dossier.h's rule over `items`, for many windows. */
static int tally_mismatches(struct store *s, const int64_t units[3], struct error *e)
{
    int mismatches = 0;
    for (int k = 0; k < 120; k++) {
        int y = 2020 + k / 12 % 2, m = 1 + k % 12;
        day_num from = day_from_ymd(y, m, 1), to = day_last_of_month(y, m);
        /* As of: early in the month, late in it, its last day, after it, before it starts. */
        static const int offset[] = {3, 11, 19, 26, 0, 5, -4, 40};
        int o = offset[k % 8];
        day_num as_of = o <= 0 ? (o ? from + o : to) : o < 30 ? from + o - 1 : to + o;
        struct unit_set set = UNIT_SET_INIT;
        unit_set_add(&set, units[k % 3]);
        if (k % 4 == 0)
            unit_set_add(&set, units[(k + 1) % 3]);
        day_num jan1 = day_from_ymd(y, 1, 1);
        struct dossier_tally want_d = {0}, want_p[PETITION_KIND_N] = {{0}};
        struct dossier_tally want_dy = {0}, want_py[PETITION_KIND_N] = {{0}};
        for (int i = 0; i < N_ITEMS; i++) {
            if (!unit_set_has(&set, items[i].unit))
                continue;
            struct dossier_tally *t = i % 2 ? &want_d : &want_p[items[i].kind];
            struct dossier_tally *ty = i % 2 ? &want_dy : &want_py[items[i].kind];
            dossier_tally_add(t, items[i].received, items[i].due, items[i].done, from, to, as_of);
            dossier_tally_add(ty, items[i].received, items[i].due, items[i].done, jan1, to, as_of);
        }
        struct dossier_tally got_d, got_p[PETITION_KIND_N], got_dy, got_py[PETITION_KIND_N];
        CHECK_INT_EQ("dossier counts",
                     store_dossier_counts(s, &set, jan1, from, to, as_of, &got_d, &got_dy, e), 0);
        CHECK_INT_EQ("petition counts",
                     store_petition_counts(s, &set, jan1, from, to, as_of, got_p, got_py, e), 0);
        if (memcmp(&got_d, &want_d, sizeof got_d) != 0 ||
            memcmp(&got_dy, &want_dy, sizeof got_dy) != 0)
            mismatches++;
        for (int kind = 1; kind < PETITION_KIND_N; kind++)
            if (memcmp(&got_p[kind], &want_p[kind], sizeof want_p[kind]) != 0 ||
                memcmp(&got_py[kind], &want_py[kind], sizeof want_py[kind]) != 0)
                mismatches++;
        unit_set_release(&set);
    }
    return mismatches;
}

static void run_backend(const char *url)
{
    struct error e = ERROR_INIT;
    struct store *s;
    printf("backend: %s\n", url);
    if (store_open(url, &s, &e)) {
        CHECK(e.message, 0);
        return;
    }
    bool empty;
    if (store_is_empty(s, &empty, &e) == ERR_OK && !empty)
        CHECK_INT_EQ("wipe", store_wipe(s, &e), 0);
    struct arena a = ARENA_INIT;
    struct app ctx = {0};
    app_init(&ctx, s, &a, day_from_ymd(2022, 12, 31), "test", &e);
    int64_t units[3];
    static const char *const codes[] = {"T", "T.A", "T.B"};
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    for (int i = 0; i < 3; i++) {
        struct unit_input in = {.code = codes[i], .name = arena_printf(&a, "Đơn vị %s", codes[i]),
                                .kind = i ? "phong" : "huyen", .parent = i ? "T" : NULL};
        CHECK_INT_EQ("unit", app_unit_add(&ctx, &in, &units[i], &e), 0);
    }
    day_num base = day_from_ymd(2020, 1, 1);
    int rc = 0;
    for (int i = 0; i < N_ITEMS && !rc; i++) {
        struct item *it = &items[i];
        it->unit = units[rnd(3)];
        it->kind = 1 + (int)rnd(4);
        it->received = base + (day_num)rnd(700);
        it->due = rnd(5) ? it->received + (day_num)rnd(40) : DAY_NONE;
        it->done = rnd(4) ? it->received + (day_num)rnd(60) : DAY_NONE;
        int64_t id;
        if (i % 2) {
            struct dossier_rec d = {.unit_id = it->unit, .code = arena_printf(&a, "HS-%d", i),
                                    .procedure = "Cấp giấy chứng nhận quyền sử dụng đất",
                                    .received = it->received, .due = it->due,
                                    .returned = it->done};
            rc = store_dossier_insert(s, &d, &id, &e);
        } else {
            struct petition_rec p = {.unit_id = it->unit, .kind = (enum petition_kind)it->kind,
                                     .summary = "Kiến nghị về đường giao thông nông thôn",
                                     .received = it->received, .deadline = it->due,
                                     .resolved = it->done};
            rc = store_petition_insert(s, &p, &id, &e);
        }
    }
    CHECK_INT_EQ("insert items", rc, 0);
    if (rc)
        printf("  %s\n", e.message);
    CHECK_INT_EQ("commit", store_commit(s, &e), 0);

    /* A duplicate code in the same unit is a conflict; the same code elsewhere is fine. */
    int64_t id;
    struct dossier_rec dup = {.unit_id = items[1].unit, .code = "HS-1", .procedure = "x",
                              .received = base, .due = DAY_NONE, .returned = DAY_NONE};
    error_clear(&e);
    CHECK_INT_EQ("duplicate code", store_dossier_insert(s, &dup, &id, &e), ERR_CONFLICT);
    CHECK_STR_EQ("duplicate code field", e.field, "code");
    error_clear(&e);

    /* Tallies: SQL against the rule, for many windows; then again once the dossiers' running
     * totals are rebuilt from scratch, as migration 0007 fills them on an existing database. */
    CHECK_INT_EQ("tallies agree with core/dossier.h", tally_mismatches(s, units, &e), 0);
    CHECK_INT_EQ("rebuild totals", store_dossier_totals_rebuild(s, &e), 0);
    CHECK_INT_EQ("tallies agree after a rebuild", tally_mismatches(s, units, &e), 0);

    /* Dossiers exported again with other dates (store_dossier_update): the totals follow. */
    int updates = 0, update_errors = 0;
    CHECK_INT_EQ("begin updates", store_begin(s, &e), 0);
    for (int i = 1; i < N_ITEMS; i += 14) {
        struct item *it = &items[i];
        struct dossier_rec old, now;
        const char *code = arena_printf(&a, "HS-%d", i);
        if (store_dossier_by_code(s, &a, it->unit, code, &old, &e)) {
            update_errors++;
            continue;
        }
        it->received = base + (day_num)rnd(700);
        it->due = rnd(5) ? it->received + (day_num)rnd(40) : DAY_NONE;
        it->done = rnd(3) ? it->received + (day_num)rnd(60) : DAY_NONE;
        now = old;
        now.received = it->received;
        now.due = it->due;
        now.returned = it->done;
        if (store_dossier_update(s, &old, &now, &e))
            update_errors++;
        updates++;
    }
    CHECK_INT_EQ("commit updates", store_commit(s, &e), 0);
    CHECK_INT_EQ("updates made", update_errors, 0);
    CHECK("some dossiers updated", updates > 50);
    CHECK_INT_EQ("tallies agree after updates", tally_mismatches(s, units, &e), 0);
    struct dossier_rec none;
    CHECK_INT_EQ("unknown code", store_dossier_by_code(s, &a, units[0], "HS-none", &none, &e),
                 ERR_NOT_FOUND);
    error_clear(&e);

    /* Indicators. */
    struct indicator_rec ind = {.code = "SXCN", .name = "Giá trị sản xuất công nghiệp",
                                .measure = "triệu đồng", .ytd = INDICATOR_SUM,
                                .compare = INDICATOR_CHANGE, .sort = 2};
    int64_t ind_id, again;
    CHECK_INT_EQ("indicator put", store_indicator_put(s, &ind, &ind_id, &e), 0);
    ind.name = "Giá trị sản xuất công nghiệp (giá so sánh)";
    CHECK_INT_EQ("indicator put again", store_indicator_put(s, &ind, &again, &e), 0);
    CHECK_INT_EQ("same id on update", again, ind_id);
    struct indicator_rec got;
    CHECK_INT_EQ("indicator get", store_indicator_get(s, &a, "SXCN", "code", &got, &e), 0);
    CHECK_STR_EQ("updated name", got.name, "Giá trị sản xuất công nghiệp (giá so sánh)");
    CHECK_INT_EQ("ytd kept", got.ytd, INDICATOR_SUM);
    CHECK_INT_EQ("compare kept", got.compare, INDICATOR_CHANGE);
    error_clear(&e);
    CHECK_INT_EQ("unknown indicator", store_indicator_get(s, &a, "XX", "code", &got, &e),
                 ERR_NOT_FOUND);
    error_clear(&e);
    CHECK_INT_EQ("value", store_indicator_value_put(s, ind_id, units[0], 2021, 1, 650000000, &e), 0);
    CHECK_INT_EQ("value", store_indicator_value_put(s, ind_id, units[0], 2021, 2, 1, &e), 0);
    CHECK_INT_EQ("value replaced",
                 store_indicator_value_put(s, ind_id, units[0], 2021, 2, 647314000, &e), 0);
    CHECK_INT_EQ("plan", store_indicator_value_put(s, ind_id, units[0], 2021, 0, 8000000000LL, &e), 0);
    CHECK_INT_EQ("other unit", store_indicator_value_put(s, ind_id, units[1], 2021, 1, 5000, &e), 0);
    struct unit_set set = UNIT_SET_INIT;
    unit_set_add(&set, units[0]);
    unit_set_add(&set, units[1]);
    struct indicator_value_row *rows;
    size_t n;
    CHECK_INT_EQ("values", store_indicator_values(s, &a, &set, 2020, 2021, &rows, &n, &e), 0);
    CHECK_INT_EQ("three rows", n, 3);
    if (n == 3) {
        CHECK_INT_EQ("plan row first", rows[0].month, 0);
        CHECK_INT_EQ("january summed over units", rows[1].value, 650005000);
        CHECK_INT_EQ("february replaced", rows[2].value, 647314000);
    }
    unit_set_release(&set);
    struct indicator_rec *list;
    CHECK_INT_EQ("list", store_indicator_list(s, &a, &list, &n, &e), 0);
    CHECK_INT_EQ("one indicator", n, 1);

    /* A wipe takes the new tables too. */
    CHECK_INT_EQ("wipe", store_wipe(s, &e), 0);
    CHECK_INT_EQ("after wipe", store_indicator_list(s, &a, &list, &n, &e), 0);
    CHECK_INT_EQ("no indicator after wipe", n, 0);
    if (e.code)
        printf("  error: %s\n", e.message);
    arena_release(&a);
    store_close(s);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    char path[512];
    snprintf(path, sizeof path, "%s/briefing-%d.db", tmp && *tmp ? tmp : "/tmp", (int)getpid());
    run_backend(path);
    unlink(path);
    const char *pg = getenv("GIAOBAN_TEST_PG");
    if (pg && *pg)
        run_backend(pg);
    else
        printf("PostgreSQL: skipped (GIAOBAN_TEST_PG not set)\n");
    return check_report();
}
