/*
 * tests/core/test_dossier.c - the as-of tally of dossiers and petitions.
 */
#include "check.h"
#include "core/dossier.h"

#define D(y, m, d) day_from_ymd(y, m, d)
#define N DAY_NONE

int main(void)
{
    day_num from = D(2020, 8, 1), to = D(2020, 8, 31);
    static const struct {
        const char *name;
        int rd, dd, td; /* days of August 2020 (negative: July), 0 = none */
        int cat;        /* 0 not counted, 1 on time, 2 late, 3 open in time, 4 open overdue */
        int carried;
    } rows[] = {
        {"returned on the due day", 3, 10, 10, 1, 0},
        {"returned early", 3, 10, 5, 1, 0},
        {"returned a day late", 3, 10, 11, 2, 0},
        {"no due day, returned", 3, 0, 20, 1, 0},
        {"pending, due after the period", 20, 99, 0, 3, 0},
        {"pending, due on the last day", 20, 31, 0, 3, 0},
        {"pending, overdue", 3, 10, 0, 4, 0},
        {"no due day, pending", 3, 0, 0, 3, 0},
        {"returned after the as-of day counts as open", 3, 10, 99, 4, 0},
        {"carried over from July, returned in August", -20, 5, 4, 1, 1},
        {"carried over from July, returned late", -20, -25, 4, 2, 1},
        {"returned in July: not in hand", -20, -25, -28, 0, 0},
        {"received after the period", 99, 0, 0, 0, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct dossier_tally t = {0};
        day_num r = rows[i].rd == 99 ? D(2020, 9, 2)
                    : rows[i].rd < 0 ? D(2020, 7, -rows[i].rd)
                                     : D(2020, 8, rows[i].rd);
        day_num due = rows[i].dd == 0    ? N
                      : rows[i].dd == 99 ? D(2020, 9, 15)
                      : rows[i].dd < 0   ? D(2020, 7, -rows[i].dd)
                                         : D(2020, 8, rows[i].dd);
        day_num ret = rows[i].td == 0    ? N
                      : rows[i].td == 99 ? D(2020, 9, 5)
                      : rows[i].td < 0   ? D(2020, 7, -rows[i].td)
                                         : D(2020, 8, rows[i].td);
        dossier_tally_add(&t, r, due, ret, from, to, D(2020, 9, 7));
        int64_t got[5] = {0, t.done_on_time, t.done_late, t.open_in_time, t.open_overdue};
        int64_t in_hand = dossier_tally_in_hand(&t);
        CHECK_INT_EQ(rows[i].name, in_hand, rows[i].cat ? 1 : 0);
        if (rows[i].cat)
            CHECK_INT_EQ(rows[i].name, got[rows[i].cat], 1);
        CHECK_INT_EQ(rows[i].name, t.carried, rows[i].carried);
    }
    /* Seen from mid-period, the period ends at the as-of day. */
    struct dossier_tally t = {0};
    dossier_tally_add(&t, D(2020, 8, 3), D(2020, 8, 20), N, from, to, D(2020, 8, 15));
    CHECK_INT_EQ("mid-period, not yet due", t.open_in_time, 1);
    dossier_tally_add(&t, D(2020, 8, 20), N, N, from, to, D(2020, 8, 15));
    CHECK_INT_EQ("received after the as-of day", dossier_tally_in_hand(&t), 1);

    /* The rate says its formula and has no 0/0. */
    struct dossier_tally r = {.received = 10, .done_on_time = 7, .done_late = 2, .open_overdue = 1};
    int64_t tenths;
    CHECK("rate defined", dossier_tally_on_time(&r, &tenths));
    CHECK_INT_EQ("rate 70%", tenths, 700);
    struct dossier_tally z = {.received = 3, .open_in_time = 3};
    CHECK("rate 0/0 undefined", !dossier_tally_on_time(&z, &tenths));

    CHECK_INT_EQ("kind by name", petition_kind_from_name("cu_tri"), PETITION_VOTER);
    CHECK_INT_EQ("kind by folded label", petition_kind_from_name("kien nghi cu tri"), PETITION_VOTER);
    CHECK_INT_EQ("kind by label", petition_kind_from_name("Khiếu nại"), PETITION_COMPLAINT);
    CHECK_INT_EQ("plain kiến nghị", petition_kind_from_name("kien nghi"), PETITION_PROPOSAL);
    CHECK_INT_EQ("unknown kind", petition_kind_from_name("thu khen"), 0);
    CHECK_STR_EQ("label", petition_kind_label(PETITION_DENUNCIATION), "Tố cáo");
    return check_report();
}
