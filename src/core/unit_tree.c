/*
 * core/unit_tree.c - see unit_tree.h.
 *
 * Children are found through an index sorted by parent, built once, so the
 * cover of a province's 3,000 units is a breadth-first walk: linear, no
 * quadratic scans. Walks carry a visited set so that bad data (a cycle that
 * slipped in through an old import) cannot loop forever.
 */
#include "core/unit_tree.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

void unit_tree_add(struct unit_tree *t, int64_t id, int64_t parent_id, int64_t successor_id)
{
    t->nodes = xgrow(t->nodes, &t->cap, t->n + 1, sizeof *t->nodes);
    t->nodes[t->n++] = (struct unit_node){id, parent_id, successor_id};
}

static int cmp_node(const void *a, const void *b)
{
    int64_t x = ((const struct unit_node *)a)->id, y = ((const struct unit_node *)b)->id;
    return (x > y) - (x < y);
}

void unit_tree_index(struct unit_tree *t)
{
    if (t->n)
        qsort(t->nodes, t->n, sizeof *t->nodes, cmp_node);
}

const struct unit_node *unit_tree_find(const struct unit_tree *t, int64_t id)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->nodes[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->nodes[lo].id == id ? &t->nodes[lo] : NULL;
}

void unit_tree_release(struct unit_tree *t)
{
    free(t->nodes);
    memset(t, 0, sizeof *t);
}

static size_t set_pos(const struct unit_set *s, int64_t id)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->ids[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

bool unit_set_has(const struct unit_set *s, int64_t id)
{
    size_t p = set_pos(s, id);
    return p < s->n && s->ids[p] == id;
}

void unit_set_add(struct unit_set *s, int64_t id)
{
    size_t p = set_pos(s, id);
    if (p < s->n && s->ids[p] == id)
        return;
    s->ids = xgrow(s->ids, &s->cap, s->n + 1, sizeof *s->ids);
    memmove(s->ids + p + 1, s->ids + p, (s->n - p) * sizeof *s->ids);
    s->ids[p] = id;
    s->n++;
}

void unit_set_release(struct unit_set *s)
{
    free(s->ids);
    memset(s, 0, sizeof *s);
}

/* Edges "x is below y": parent (when `subtree`) and successor, indexed by y. */
struct edge {
    int64_t to, from;
};

static int cmp_edge(const void *a, const void *b)
{
    int64_t x = ((const struct edge *)a)->to, y = ((const struct edge *)b)->to;
    return (x > y) - (x < y);
}

void unit_tree_cover(const struct unit_tree *t, int64_t root, bool subtree, struct unit_set *out)
{
    struct edge *edges = xmalloc((2 * t->n + 1) * sizeof *edges);
    size_t n_edges = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->nodes[i].successor_id)
            edges[n_edges++] = (struct edge){t->nodes[i].successor_id, t->nodes[i].id};
        if (subtree && t->nodes[i].parent_id)
            edges[n_edges++] = (struct edge){t->nodes[i].parent_id, t->nodes[i].id};
    }
    qsort(edges, n_edges, sizeof *edges, cmp_edge);

    int64_t *queue = xmalloc((t->n + 1) * sizeof *queue);
    size_t head = 0, tail = 0;
    unit_set_add(out, root);
    queue[tail++] = root;
    while (head < tail) {
        int64_t cur = queue[head++];
        /* First edge with to == cur. */
        size_t lo = 0, hi = n_edges;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (edges[mid].to < cur)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < n_edges && edges[k].to == cur; k++) {
            if (unit_set_has(out, edges[k].from))
                continue;
            unit_set_add(out, edges[k].from);
            if (tail < t->n + 1)
                queue[tail++] = edges[k].from;
        }
    }
    free(queue);
    free(edges);
}

bool unit_tree_parent_cycles(const struct unit_tree *t, int64_t id, int64_t parent_id)
{
    /* Walk up from the new parent; meeting `id` means a cycle. Bounded by n steps. */
    int64_t cur = parent_id;
    for (size_t steps = 0; cur && steps <= t->n; steps++) {
        if (cur == id)
            return true;
        const struct unit_node *nd = unit_tree_find(t, cur);
        cur = nd ? nd->parent_id : 0;
    }
    return cur != 0; /* still walking after n steps: the data already has a cycle */
}

bool unit_tree_successor_cycles(const struct unit_tree *t, int64_t id, int64_t successor_id)
{
    int64_t cur = successor_id;
    for (size_t steps = 0; cur && steps <= t->n; steps++) {
        if (cur == id)
            return true;
        const struct unit_node *nd = unit_tree_find(t, cur);
        cur = nd ? nd->successor_id : 0;
    }
    return cur != 0;
}

int64_t unit_tree_current(const struct unit_tree *t, int64_t id)
{
    int64_t cur = id;
    for (size_t steps = 0; steps <= t->n; steps++) {
        const struct unit_node *nd = unit_tree_find(t, cur);
        if (!nd || !nd->successor_id)
            return cur;
        cur = nd->successor_id;
    }
    return id;
}
