/*
 * tests/core/test_timeline.c - timelines: the text form, the dates in force
 * on a day, and the property the store's running totals rest on: the sum of
 * timeline_deltas() up to any day D equals timeline_counts_at(D), checked on
 * every day around 20,000+ random (well-formed) timelines.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/timeline.h"

#define NO DAY_NONE

static void tl_init(struct timeline *t, day_num assigned, day_num deadline)
{
    memset(t, 0, sizeof *t);
    t->assigned = assigned;
    t->deadline = deadline;
}

static void add(struct timeline *t, enum task_event_kind kind, day_num day, day_num value)
{
    struct error e = ERROR_INIT;
    if (timeline_add(t, kind, day, value, &e) != ERR_OK)
        CHECK(e.message, 0);
}

/* --- (a) text form ------------------------------------------------------------------ */

static void check_text(void)
{
    struct timeline t, u;
    struct error e = ERROR_INIT;
    struct buf b = BUF_INIT(TIMELINE_TEXT_MAX);

    tl_init(&t, 18500, 18590);
    add(&t, EV_EXT_APPROVE, 18580, 18600);
    add(&t, EV_DONE_REPORT, 18590, NO);
    add(&t, EV_DONE_REJECT, 18591, NO);
    add(&t, EV_DONE_REPORT, 18592, NO);
    add(&t, EV_DONE_CONFIRM, 18595, NO);
    add(&t, EV_REOPEN, 18600, NO);
    add(&t, EV_CANCEL, 18601, NO);
    add(&t, EV_EXT_APPROVE, -3, -1);
    timeline_encode(&t, &b);
    CHECK_STR_EQ("encode", b.data,
                 "A18580:18600,R18590,J18591,R18592,C18595,O18600,X18601,A-3:-1");

    tl_init(&u, 0, 0);
    CHECK_INT_EQ("decode own encoding", timeline_decode(b.data, &u, &e), ERR_OK);
    CHECK_INT_EQ("round trip: mark count", u.n_marks, t.n_marks);
    bool same = u.n_marks == t.n_marks;
    for (size_t i = 0; same && i < t.n_marks; i++)
        same = u.marks[i].day == t.marks[i].day && u.marks[i].kind == t.marks[i].kind &&
               u.marks[i].value == t.marks[i].value;
    CHECK("round trip: same marks", same);
    u.assigned = t.assigned, u.deadline = t.deadline;
    struct buf b2 = BUF_INIT(TIMELINE_TEXT_MAX);
    timeline_encode(&u, &b2);
    CHECK_STR_EQ("round trip: same text", b2.data, b.data);
    buf_release(&b2);
    buf_release(&b);

    CHECK_INT_EQ("decode the header's example", timeline_decode("A18500:18600,R18590,C18592",
                                                                &u, &e), ERR_OK);
    CHECK("example: 3 marks", u.n_marks == 3 && u.marks[0].kind == EV_EXT_APPROVE &&
                                  u.marks[0].day == 18500 && u.marks[0].value == 18600 &&
                                  u.marks[1].kind == EV_DONE_REPORT && u.marks[1].day == 18590 &&
                                  u.marks[1].value == NO && u.marks[2].kind == EV_DONE_CONFIRM &&
                                  u.marks[2].day == 18592);

    u.n_marks = 5;
    CHECK_INT_EQ("decode empty text", timeline_decode("", &u, &e), ERR_OK);
    CHECK_INT_EQ("empty text: no marks", u.n_marks, 0);
    u.n_marks = 5;
    CHECK_INT_EQ("decode NULL", timeline_decode(NULL, &u, &e), ERR_OK);
    CHECK_INT_EQ("NULL: no marks", u.n_marks, 0);
    struct buf b3 = BUF_INIT(TIMELINE_TEXT_MAX);
    timeline_encode(&u, &b3);
    CHECK_STR_EQ("encode no marks", b3.data, "");
    buf_release(&b3);

    static const char *garbage[] = {"Z12", "A", "R12x", "A1:", "R", "12", "R12,,C13", "R12;C13",
                                    "A1:x", "r12", "R99999999", ",R12"};
    char name[80];
    for (size_t i = 0; i < sizeof garbage / sizeof garbage[0]; i++) {
        error_clear(&e);
        snprintf(name, sizeof name, "decode refuses '%s'", garbage[i]);
        CHECK_INT_EQ(name, timeline_decode(garbage[i], &u, &e), ERR_INTERNAL);
        snprintf(name, sizeof name, "decode '%s': error code and field", garbage[i]);
        CHECK(name, e.code == ERR_INTERNAL && strcmp(e.field, "timeline") == 0);
    }

    /* Too many marks: timeline_add and decode both say ERR_TOO_BIG. */
    tl_init(&t, 0, NO);
    int rc = ERR_OK;
    for (int i = 0; i < TIMELINE_MAX_MARKS && rc == ERR_OK; i++)
        rc = timeline_add(&t, EV_DONE_REPORT, i, NO, &e);
    CHECK_INT_EQ("add up to the maximum", rc, ERR_OK);
    error_clear(&e);
    CHECK_INT_EQ("add past the maximum", timeline_add(&t, EV_DONE_REPORT, 999, NO, &e),
                 ERR_TOO_BIG);
    CHECK_INT_EQ("marks stay at the maximum", t.n_marks, TIMELINE_MAX_MARKS);
    struct buf big = BUF_INIT(BUF_NO_LIMIT);
    timeline_encode(&t, &big);
    buf_adds(&big, ",X1000");
    error_clear(&e);
    CHECK_INT_EQ("decode past the maximum", timeline_decode(big.data, &u, &e), ERR_TOO_BIG);
    buf_release(&big);

    CHECK("kind matters: ext approve", timeline_kind_matters(EV_EXT_APPROVE));
    CHECK("kind matters: cancel", timeline_kind_matters(EV_CANCEL));
    CHECK("kind matters: reject", timeline_kind_matters(EV_DONE_REJECT));
    CHECK("kind does not matter: progress", !timeline_kind_matters(EV_PROGRESS));
    CHECK("kind does not matter: ext request", !timeline_kind_matters(EV_EXT_REQUEST));
    CHECK("kind does not matter: pause", !timeline_kind_matters(EV_PAUSE));
}

/* --- (b) dates in force on a day ---------------------------------------------------- */

struct at {
    struct task_dates d;
    bool awaiting;
};

static struct at at(const struct timeline *t, day_num day)
{
    struct at r;
    memset(&r, 0xa5, sizeof r);
    timeline_dates_at(t, day, &r.d, &r.awaiting);
    return r;
}

static void check_dates(void)
{
    struct timeline t;
    struct task_counts c;
    struct task_standing st;

    /* An extension counts from the day it is approved, not before. */
    tl_init(&t, 10, 25);
    add(&t, EV_EXT_APPROVE, 20, 40);
    CHECK_INT_EQ("ext: day 19 deadline", at(&t, 19).d.deadline, 25);
    CHECK_INT_EQ("ext: day 20 deadline", at(&t, 20).d.deadline, 40);
    CHECK_INT_EQ("ext: day 5 deadline (before assignment)", at(&t, 5).d.deadline, 25);
    CHECK_INT_EQ("ext: assigned passes through", at(&t, 30).d.assigned, 10);
    CHECK_INT_EQ("ext: nothing completed", at(&t, 30).d.completed, NO);
    CHECK_INT_EQ("ext: nothing cancelled", at(&t, 30).d.cancelled, NO);
    CHECK("ext: not awaiting", !at(&t, 30).awaiting);
    timeline_counts_at(&t, 30, 3, &c, &st);
    CHECK("ext: day 30 open in time under the new deadline",
          st.bucket == TASK_OPEN_IN_TIME && c.c[CNT_OPEN_IN_TIME] == 1 && c.c[CNT_ASSIGNED] == 1);

    /* Approved after the original deadline passed: overdue until the approval. */
    tl_init(&t, 10, 25);
    add(&t, EV_EXT_APPROVE, 30, 40);
    timeline_counts_at(&t, 29, 3, &c, &st);
    CHECK("late ext: day 29 overdue 4", st.bucket == TASK_OPEN_OVERDUE && st.days_overdue == 4 &&
                                            c.c[CNT_OPEN_OVERDUE] == 1);
    timeline_counts_at(&t, 30, 3, &c, &st);
    CHECK("late ext: day 30 in time", st.bucket == TASK_OPEN_IN_TIME && c.c[CNT_OPEN_OVERDUE] == 0);

    /* Two extensions: each from its own day. */
    add(&t, EV_EXT_APPROVE, 35, 50);
    CHECK_INT_EQ("two ext: day 34", at(&t, 34).d.deadline, 40);
    CHECK_INT_EQ("two ext: day 35", at(&t, 35).d.deadline, 50);

    /* Reported day 10, confirmed day 15: dated the day the unit reported. */
    tl_init(&t, 5, 12);
    add(&t, EV_DONE_REPORT, 10, NO);
    add(&t, EV_DONE_CONFIRM, 15, NO);
    CHECK("confirm: day 9 not awaiting", !at(&t, 9).awaiting);
    CHECK_INT_EQ("confirm: day 10 not completed", at(&t, 10).d.completed, NO);
    CHECK("confirm: day 10 awaiting", at(&t, 10).awaiting);
    CHECK_INT_EQ("confirm: day 12 not completed", at(&t, 12).d.completed, NO);
    CHECK("confirm: day 12 awaiting", at(&t, 12).awaiting);
    CHECK_INT_EQ("confirm: day 15 completed on the report day", at(&t, 15).d.completed, 10);
    CHECK("confirm: day 15 not awaiting", !at(&t, 15).awaiting);
    timeline_counts_at(&t, 14, 3, &c, &st);
    CHECK("confirm: day 14 open overdue and awaiting", st.bucket == TASK_OPEN_OVERDUE &&
                                                           c.c[CNT_AWAITING] == 1 &&
                                                           c.c[CNT_OPEN_OVERDUE] == 1);
    timeline_counts_at(&t, 15, 3, &c, &st);
    CHECK("confirm: day 15 done before the deadline, not late", st.bucket == TASK_DONE_EARLY &&
                                                                    c.c[CNT_DONE_BEFORE] == 1 &&
                                                                    c.c[CNT_DONE_LATE] == 0 &&
                                                                    c.c[CNT_AWAITING] == 0);

    /* Reported, rejected, reported again, confirmed: the second report's day. */
    tl_init(&t, 5, 30);
    add(&t, EV_DONE_REPORT, 10, NO);
    add(&t, EV_DONE_REJECT, 12, NO);
    add(&t, EV_DONE_REPORT, 18, NO);
    add(&t, EV_DONE_CONFIRM, 20, NO);
    CHECK("reject: day 11 awaiting", at(&t, 11).awaiting);
    CHECK("reject: day 12 no longer awaiting", !at(&t, 12).awaiting);
    CHECK_INT_EQ("reject: day 12 not completed", at(&t, 12).d.completed, NO);
    CHECK("reject: day 19 awaiting again", at(&t, 19).awaiting);
    CHECK_INT_EQ("reject: day 19 not completed", at(&t, 19).d.completed, NO);
    CHECK_INT_EQ("reject: day 20 completed on the second report", at(&t, 20).d.completed, 18);
    CHECK_INT_EQ("reject: day 90 completed on the second report", at(&t, 90).d.completed, 18);

    /* Confirmed, then reopened: open again from the reopening. */
    tl_init(&t, 5, 30);
    add(&t, EV_DONE_REPORT, 10, NO);
    add(&t, EV_DONE_CONFIRM, 11, NO);
    add(&t, EV_REOPEN, 14, NO);
    CHECK_INT_EQ("reopen: day 13 completed", at(&t, 13).d.completed, 10);
    CHECK_INT_EQ("reopen: day 14 not completed", at(&t, 14).d.completed, NO);
    CHECK("reopen: day 14 not awaiting", !at(&t, 14).awaiting);
    timeline_counts_at(&t, 14, 3, &c, &st);
    CHECK("reopen: day 14 open in time", st.bucket == TASK_OPEN_IN_TIME);
    add(&t, EV_DONE_REPORT, 40, NO);
    add(&t, EV_DONE_CONFIRM, 41, NO);
    CHECK_INT_EQ("reopen: done again day 41, dated 40", at(&t, 41).d.completed, 40);
    timeline_counts_at(&t, 41, 3, &c, &st);
    CHECK("reopen: second completion is late", st.bucket == TASK_DONE_LATE &&
                                                   c.c[CNT_DONE_LATE] == 1);

    /* Cancelled. */
    tl_init(&t, 5, 20);
    add(&t, EV_CANCEL, 12, NO);
    CHECK_INT_EQ("cancel: day 11 not cancelled", at(&t, 11).d.cancelled, NO);
    CHECK_INT_EQ("cancel: day 12 cancelled", at(&t, 12).d.cancelled, 12);
    timeline_counts_at(&t, 11, 3, &c, &st);
    CHECK("cancel: day 11 counted", c.c[CNT_ASSIGNED] == 1 && c.c[CNT_CANCELLED] == 0);
    timeline_counts_at(&t, 12, 3, &c, &st);
    CHECK("cancel: day 12 counted as cancelled only",
          c.c[CNT_ASSIGNED] == 0 && c.c[CNT_CANCELLED] == 1 && c.c[CNT_OPEN_IN_TIME] == 0 &&
              st.bucket == TASK_UNCOUNTED);
    timeline_counts_at(&t, 4, 3, &c, &st);
    int sum = 0;
    for (int k = 0; k < CNT_N; k++)
        sum += c.c[k];
    CHECK_INT_EQ("cancel: before assignment nothing at all", sum, 0);

    /* No deadline. */
    tl_init(&t, 5, NO);
    add(&t, EV_DONE_REPORT, 8, NO);
    add(&t, EV_DONE_CONFIRM, 9, NO);
    timeline_counts_at(&t, 8, 3, &c, &st);
    CHECK("no deadline: day 8 open, awaiting", c.c[CNT_NODL_OPEN] == 1 && c.c[CNT_AWAITING] == 1);
    timeline_counts_at(&t, 9, 3, &c, &st);
    CHECK("no deadline: day 9 done", c.c[CNT_NODL_DONE] == 1 && c.c[CNT_AWAITING] == 0);
    CHECK_STR_EQ("slot name", count_slot_name(CNT_AWAITING), "awaiting_confirmation");
}

/* --- (c) the property: sum of deltas == counts on every day ------------------------- */

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void) /* xorshift64* */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static int rnd(int n) /* 0 .. n-1 */
{
    return (int)(rng() % (uint64_t)n);
}

/* A well-formed random timeline; returns the last day anything happens on. */
static day_num random_timeline(struct timeline *t)
{
    day_num assigned = rnd(120) - 40;
    day_num deadline = rnd(5) == 0 ? NO : assigned + rnd(40);
    tl_init(t, assigned, deadline);
    day_num last = deadline == NO ? assigned : deadline;
    enum { OPEN, AWAITING, DONE } state = OPEN;
    int n = rnd(7);
    day_num day = assigned;
    for (int i = 0; i < n; i++) {
        day += rnd(4) == 0 ? 0 : rnd(12);
        enum task_event_kind cand[6];
        int nc = 0;
        if (deadline != NO)
            cand[nc++] = EV_EXT_APPROVE;
        if (state == OPEN)
            cand[nc++] = EV_DONE_REPORT;
        if (state == AWAITING) {
            cand[nc++] = EV_DONE_CONFIRM;
            cand[nc++] = EV_DONE_REJECT;
        }
        if (state == DONE)
            cand[nc++] = EV_REOPEN;
        if (rnd(8) == 0)
            cand[nc++] = EV_CANCEL;
        if (nc == 0)
            break;
        enum task_event_kind k = cand[rnd(nc)];
        day_num value = NO;
        switch (k) {
        case EV_EXT_APPROVE:
            value = assigned + rnd(60);
            if (value > last)
                last = value;
            break;
        case EV_DONE_REPORT:  state = AWAITING; break;
        case EV_DONE_CONFIRM: state = DONE; break;
        case EV_DONE_REJECT:  state = OPEN; break;
        case EV_REOPEN:       state = OPEN; break;
        default:              break;
        }
        add(t, k, day, value);
        if (day > last)
            last = day;
        if (k == EV_CANCEL)
            break;
    }
    return last;
}

static const char *describe(const struct timeline *t, char *out, size_t size)
{
    struct buf b = BUF_INIT(TIMELINE_TEXT_MAX);
    timeline_encode(t, &b);
    char dl[16] = "none";
    if (t->deadline != NO)
        snprintf(dl, sizeof dl, "%d", (int)t->deadline);
    snprintf(out, size, "assigned %d deadline %s marks '%s'", (int)t->assigned, dl, b.data);
    buf_release(&b);
    return out;
}

static const int bucket_slots[] = {CNT_DONE_BEFORE, CNT_DONE_ON_DAY, CNT_DONE_LATE,
                                   CNT_OPEN_IN_TIME, CNT_OPEN_OVERDUE, CNT_NODL_DONE,
                                   CNT_NODL_OPEN};

/* The invariants of one day's counters; NULL if they hold, else what is wrong. */
static const char *counts_wrong(const struct task_counts *c, const struct task_standing *st)
{
    for (int k = 0; k < CNT_N; k++)
        if (c->c[k] != 0 && c->c[k] != 1)
            return "a counter is neither 0 nor 1";
    int buckets = 0;
    for (size_t i = 0; i < sizeof bucket_slots / sizeof bucket_slots[0]; i++)
        buckets += c->c[bucket_slots[i]];
    if (buckets != c->c[CNT_ASSIGNED])
        return "bucket counters do not add up to CNT_ASSIGNED";
    if (c->c[CNT_DUE_SOON] && !c->c[CNT_OPEN_IN_TIME])
        return "due soon but not open in time";
    if (c->c[CNT_AWAITING] && (c->c[CNT_DONE_BEFORE] || c->c[CNT_DONE_ON_DAY] ||
                               c->c[CNT_DONE_LATE] || c->c[CNT_NODL_DONE]))
        return "awaiting but done";
    if (c->c[CNT_AWAITING] && !c->c[CNT_ASSIGNED])
        return "awaiting but not counted";
    if (c->c[CNT_ASSIGNED] && c->c[CNT_CANCELLED])
        return "counted and cancelled";
    if ((st->bucket == TASK_UNCOUNTED) != (c->c[CNT_ASSIGNED] == 0))
        return "standing and CNT_ASSIGNED disagree";
    if (st->bucket != TASK_UNCOUNTED && c->c[bucket_slots[st->bucket - 1]] != 1)
        return "standing and bucket counter disagree";
    if (st->due_soon != (c->c[CNT_DUE_SOON] == 1))
        return "standing and CNT_DUE_SOON disagree";
    return NULL;
}

#define N_TIMELINES 25000
static struct count_delta deltas[TIMELINE_MAX_DELTAS];

static void check_property(void)
{
    static const int soons[] = {0, 3};
    struct timeline t;
    char desc[TIMELINE_TEXT_MAX + 64], name[TIMELINE_TEXT_MAX + 256];
    long long days_checked = 0, with_marks = 0, with_ext = 0, with_cancel = 0, nodl = 0;
    long long seen[CNT_N] = {0};

    for (int i = 0; i < N_TIMELINES; i++) {
        day_num last = random_timeline(&t);
        with_marks += t.n_marks > 0;
        nodl += t.deadline == NO;
        for (size_t m = 0; m < t.n_marks; m++) {
            with_ext += t.marks[m].kind == EV_EXT_APPROVE;
            with_cancel += t.marks[m].kind == EV_CANCEL;
        }
        for (size_t s = 0; s < 2; s++) {
            int soon = soons[s];
            size_t n = timeline_deltas(&t, soon, deltas);
            const char *sum_bad = NULL, *inv_bad = NULL;
            day_num sum_day = 0, inv_day = 0;
            int bad_slot = -1;
            if (n > TIMELINE_MAX_DELTAS)
                sum_bad = "too many deltas";
            for (size_t k = 1; !sum_bad && k < n; k++)
                if (deltas[k].day <= deltas[k - 1].day)
                    sum_bad = "deltas not in strictly increasing day order", sum_day = deltas[k].day;
            struct task_counts sum = {{0}}, direct;
            struct task_standing st;
            size_t next = 0;
            for (day_num d = t.assigned - 5; !sum_bad && d <= last + 10; d++) {
                while (next < n && deltas[next].day <= d) {
                    for (int k = 0; k < CNT_N; k++)
                        sum.c[k] += deltas[next].d.c[k];
                    next++;
                }
                timeline_counts_at(&t, d, soon, &direct, &st);
                days_checked++;
                for (int k = 0; k < CNT_N; k++) {
                    seen[k] += direct.c[k];
                    if (sum.c[k] != direct.c[k] && bad_slot < 0) {
                        bad_slot = k;
                        sum_bad = "sum of deltas != counts_at";
                        sum_day = d;
                    }
                }
                const char *w = counts_wrong(&direct, &st);
                if (w && !inv_bad)
                    inv_bad = w, inv_day = d;
            }
            if (!sum_bad && next != n)
                sum_bad = "deltas after the last day checked", sum_day = deltas[next].day;
            if (sum_bad) {
                snprintf(name, sizeof name, "timeline %d (%s) soon %d day %d slot %s: %s", i,
                         describe(&t, desc, sizeof desc), soon, (int)sum_day,
                         bad_slot >= 0 ? count_slot_name((enum count_slot)bad_slot) : "-",
                         sum_bad);
                CHECK(name, 0);
            } else {
                CHECK("deltas add up to counts_at", 1);
            }
            if (inv_bad) {
                snprintf(name, sizeof name, "timeline %d (%s) soon %d day %d: %s", i,
                         describe(&t, desc, sizeof desc), soon, (int)inv_day, inv_bad);
                CHECK(name, 0);
            } else {
                CHECK("counter invariants", 1);
            }
        }
    }
    /* The generator must reach every case the property is about. */
    CHECK("property: timelines with marks", with_marks > N_TIMELINES / 2);
    CHECK("property: extensions generated", with_ext > 1000);
    CHECK("property: cancellations generated", with_cancel > 1000);
    CHECK("property: no-deadline tasks generated", nodl > 1000);
    CHECK("property: days checked", days_checked > 1000000);
    char what[64];
    for (int k = 0; k < CNT_N; k++) {
        snprintf(what, sizeof what, "property: slot %s reached", count_slot_name((enum count_slot)k));
        CHECK(what, seen[k] > 100);
    }
}

int main(void)
{
    check_text();
    check_dates();
    check_property();
    return check_report();
}
