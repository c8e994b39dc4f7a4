/*
 * tests/core/test_unit_tree.c - which units a figure covers (merged units add
 * up under their successor), cycle checks for parents and successors, and
 * the sorted unit sets.
 *
 *          1 (province)
 *        /   \
 *       2     3          districts
 *     / | \    \
 *    4  5  7    6        communes; 7 closed in a merger, successor 4
 *          |
 *          8             under the closed 7
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "core/unit_tree.h"

/* Cover of `root` must be exactly the ids of `want` (terminated by 0). */
static void cover_is(const struct unit_tree *t, int64_t root, bool subtree, const int64_t *want,
                     const char *name)
{
    struct unit_set s = UNIT_SET_INIT;
    unit_tree_cover(t, root, subtree, &s);
    char got[256] = "", exp[256] = "";
    size_t n = 0;
    for (size_t i = 0; i < s.n; i++)
        snprintf(got + strlen(got), sizeof got - strlen(got), "%s%lld", i ? "," : "",
                 (long long)s.ids[i]);
    for (n = 0; want[n]; n++)
        snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%s%lld", n ? "," : "",
                 (long long)want[n]);
    CHECK_STR_EQ(name, got, exp);
    unit_set_release(&s);
}

static void build(struct unit_tree *t)
{
    /* Added out of order: unit_tree_index() sorts. */
    unit_tree_add(t, 8, 7, 0);
    unit_tree_add(t, 5, 2, 0);
    unit_tree_add(t, 1, 0, 0);
    unit_tree_add(t, 7, 2, 4);
    unit_tree_add(t, 3, 1, 0);
    unit_tree_add(t, 6, 3, 0);
    unit_tree_add(t, 2, 1, 0);
    unit_tree_add(t, 4, 2, 0);
    unit_tree_index(t);
}

static void check_cover(void)
{
    struct unit_tree t = UNIT_TREE_INIT;
    build(&t);
    const struct unit_node *n7 = unit_tree_find(&t, 7);
    CHECK("find 7", n7 && n7->id == 7 && n7->parent_id == 2 && n7->successor_id == 4);
    CHECK("find 1", unit_tree_find(&t, 1) && unit_tree_find(&t, 1)->parent_id == 0);
    CHECK("find 8", unit_tree_find(&t, 8) && unit_tree_find(&t, 8)->parent_id == 7);
    CHECK("find 99 is NULL", unit_tree_find(&t, 99) == NULL);
    CHECK("find 0 is NULL", unit_tree_find(&t, 0) == NULL);

    cover_is(&t, 1, true, (const int64_t[]){1, 2, 3, 4, 5, 6, 7, 8, 0}, "cover(1, subtree)");
    cover_is(&t, 1, false, (const int64_t[]){1, 0}, "cover(1, alone)");
    cover_is(&t, 4, false, (const int64_t[]){4, 7, 0}, "cover(4, alone): merged 7 adds up");
    cover_is(&t, 4, true, (const int64_t[]){4, 7, 8, 0}, "cover(4, subtree): and 7's child 8");
    cover_is(&t, 2, false, (const int64_t[]){2, 0}, "cover(2, alone)");
    cover_is(&t, 2, true, (const int64_t[]){2, 4, 5, 7, 8, 0}, "cover(2, subtree)");
    cover_is(&t, 3, true, (const int64_t[]){3, 6, 0}, "cover(3, subtree)");
    cover_is(&t, 5, true, (const int64_t[]){5, 0}, "cover(5, subtree): a leaf");
    cover_is(&t, 7, false, (const int64_t[]){7, 0}, "cover(7, alone): not its successor");
    cover_is(&t, 7, true, (const int64_t[]){7, 8, 0}, "cover(7, subtree)");
    cover_is(&t, 99, true, (const int64_t[]){99, 0}, "cover(unknown id)");

    /* The cover adds to the set it is given. */
    struct unit_set s = UNIT_SET_INIT;
    unit_set_add(&s, 42);
    unit_tree_cover(&t, 4, false, &s);
    CHECK("cover adds to an existing set", s.n == 3 && unit_set_has(&s, 42) &&
                                               unit_set_has(&s, 4) && unit_set_has(&s, 7));
    unit_set_release(&s);

    CHECK("parent: 2 under 5 cycles", unit_tree_parent_cycles(&t, 2, 5));
    CHECK("parent: 6 under 2 does not", !unit_tree_parent_cycles(&t, 6, 2));
    CHECK("parent: 1 under 8 cycles", unit_tree_parent_cycles(&t, 1, 8));
    CHECK("parent: 2 under 8 cycles (through the closed 7)", unit_tree_parent_cycles(&t, 2, 8));
    CHECK("parent: 4 under itself cycles", unit_tree_parent_cycles(&t, 4, 4));
    CHECK("parent: 3 under 4 does not", !unit_tree_parent_cycles(&t, 3, 4));
    CHECK("parent: 8 made a root does not", !unit_tree_parent_cycles(&t, 8, 0));
    CHECK("parent: under an unknown unit does not", !unit_tree_parent_cycles(&t, 2, 99));

    CHECK("successor: 7 -> 4 exists, 4 -> 7 cycles", unit_tree_successor_cycles(&t, 4, 7));
    CHECK("successor: 4 -> 4 cycles", unit_tree_successor_cycles(&t, 4, 4));
    CHECK("successor: 5 -> 4 does not", !unit_tree_successor_cycles(&t, 5, 4));
    CHECK("successor: 5 -> 7 does not (7 leads to 4)", !unit_tree_successor_cycles(&t, 5, 7));
    CHECK("successor: 8 -> 7 does not", !unit_tree_successor_cycles(&t, 8, 7));
    CHECK("successor: 4 -> 0 does not", !unit_tree_successor_cycles(&t, 4, 0));

    CHECK_INT_EQ("current(7)", unit_tree_current(&t, 7), 4);
    CHECK_INT_EQ("current(4)", unit_tree_current(&t, 4), 4);
    CHECK_INT_EQ("current(8)", unit_tree_current(&t, 8), 8);
    CHECK_INT_EQ("current(unknown)", unit_tree_current(&t, 99), 99);
    unit_tree_release(&t);
    CHECK("release", t.nodes == NULL && t.n == 0 && t.cap == 0 && t.edges == NULL);
}

/* On random trees with mergers (and a cycle or two, as bad imports bring), "is X within
 * root?" must answer exactly what membership of the cover answers, for every pair. */
static void check_within_agrees(void)
{
    uint64_t x = 0x2545F4914F6CDD1DULL;
    int disagreements = 0, inside = 0;
    for (int round = 0; round < 20; round++) {
        struct unit_tree t = UNIT_TREE_INIT;
        int n = 5 + round * 3;
        for (int id = 1; id <= n; id++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            int64_t parent = id > 1 ? (int64_t)(x % (uint64_t)(id - 1)) + 1 : 0;
            int64_t succ = (x >> 20) % 5 == 0 ? (int64_t)((x >> 30) % (uint64_t)n) + 1 : 0;
            if (round % 7 == 6 && id == 2)
                parent = n; /* a cycle through a late unit */
            unit_tree_add(&t, id, parent, succ == id ? 0 : succ);
        }
        unit_tree_index(&t);
        for (int root = 1; root <= n + 1; root++)
            for (int sub = 0; sub < 2; sub++) {
                struct unit_set c = UNIT_SET_INIT;
                unit_tree_cover(&t, root, sub, &c);
                for (int id = 1; id <= n + 1; id++) {
                    bool w = unit_tree_within(&t, root, sub, id);
                    inside += w;
                    disagreements += w != unit_set_has(&c, id);
                }
                unit_set_release(&c);
            }
        unit_tree_release(&t);
    }
    CHECK_INT_EQ("within = member of the cover, on random trees", disagreements, 0);
    CHECK("within says yes often enough to mean something", inside > 1000);
}

static void check_chains(void)
{
    /* Mergers in a chain: 11 into 12, 12 into 13; 14 child of 11. */
    struct unit_tree t = UNIT_TREE_INIT;
    unit_tree_add(&t, 10, 0, 0);
    unit_tree_add(&t, 11, 10, 12);
    unit_tree_add(&t, 12, 10, 13);
    unit_tree_add(&t, 13, 10, 0);
    unit_tree_add(&t, 14, 11, 0);
    unit_tree_index(&t);
    cover_is(&t, 13, false, (const int64_t[]){11, 12, 13, 0}, "chain: merged transitively");
    cover_is(&t, 13, true, (const int64_t[]){11, 12, 13, 14, 0}, "chain: with 11's child");
    cover_is(&t, 12, false, (const int64_t[]){11, 12, 0}, "chain: middle");
    CHECK_INT_EQ("chain: current(11)", unit_tree_current(&t, 11), 13);
    CHECK("chain: 13 -> 11 cycles", unit_tree_successor_cycles(&t, 13, 11));
    CHECK("chain: 14 -> 11 does not", !unit_tree_successor_cycles(&t, 14, 11));
    unit_tree_release(&t);

    /* Bad data already holding cycles: every walk must end. */
    unit_tree_add(&t, 20, 21, 22);
    unit_tree_add(&t, 21, 20, 0);
    unit_tree_add(&t, 22, 0, 20);
    unit_tree_add(&t, 23, 0, 0);
    unit_tree_index(&t);
    cover_is(&t, 20, true, (const int64_t[]){20, 21, 22, 0}, "cyclic data: cover ends");
    cover_is(&t, 22, false, (const int64_t[]){20, 22, 0}, "cyclic successors: cover ends");
    CHECK("cyclic data: parent walk ends, says cycle", unit_tree_parent_cycles(&t, 23, 20));
    CHECK("cyclic data: successor walk ends, says cycle", unit_tree_successor_cycles(&t, 23, 20));
    int64_t cur = unit_tree_current(&t, 20);
    CHECK("cyclic successors: current ends on a unit of the cycle", cur == 20 || cur == 22);
    unit_tree_release(&t);
}

static uint32_t rng_state = 2463534242u;

static uint32_t rng(void) /* xorshift32 */
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void check_set(void)
{
    struct unit_set s = UNIT_SET_INIT;
    static const int64_t in[] = {5, 3, 9, 3, 1, 9, -4, 0, 5};
    for (size_t i = 0; i < sizeof in / sizeof in[0]; i++)
        unit_set_add(&s, in[i]);
    CHECK("set: sorted, unique", s.n == 6 && s.ids[0] == -4 && s.ids[1] == 0 && s.ids[2] == 1 &&
                                     s.ids[3] == 3 && s.ids[4] == 5 && s.ids[5] == 9);
    CHECK("set: has 3", unit_set_has(&s, 3));
    CHECK("set: has -4", unit_set_has(&s, -4));
    CHECK("set: not 4", !unit_set_has(&s, 4));
    CHECK("set: not 10", !unit_set_has(&s, 10));
    unit_set_release(&s);
    CHECK("set: release", s.ids == NULL && s.n == 0);
    CHECK("set: empty has nothing", !unit_set_has(&s, 0));

    /* Against a bitmap: 20,000 random adds of ids below 3,000. */
    static bool ref[3000];
    size_t n_ref = 0;
    for (int i = 0; i < 20000; i++) {
        int64_t id = (int64_t)(rng() % 3000);
        if (!ref[id])
            ref[id] = true, n_ref++;
        unit_set_add(&s, id);
    }
    bool ok = s.n == n_ref;
    for (size_t i = 1; ok && i < s.n; i++)
        ok = s.ids[i - 1] < s.ids[i];
    for (int64_t id = 0; ok && id < 3000; id++)
        ok = unit_set_has(&s, id) == ref[id];
    CHECK("set: random adds agree with a bitmap", ok);
    unit_set_release(&s);
}

int main(void)
{
    check_cover();
    check_within_agrees();
    check_chains();
    check_set();
    return check_report();
}
