/*
 * core/unit_tree.c - see unit_tree.h.
 *
 * Children are found through an edge index sorted by the unit above, built
 * once by unit_tree_index(), so the cover of a province's 3,000 units is a
 * breadth-first walk with one sort of the result, and "is X inside?" walks
 * up from X instead of building any cover. Walks carry a visited set so that bad data (a cycle that
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

static int cmp_edge(const void *a, const void *b)
{
    int64_t x = ((const struct unit_edge *)a)->to, y = ((const struct unit_edge *)b)->to;
    return (x > y) - (x < y);
}

void unit_tree_index(struct unit_tree *t)
{
    if (t->n)
        qsort(t->nodes, t->n, sizeof *t->nodes, cmp_node);
    free(t->edges);
    t->edges = xmalloc((2 * t->n + 1) * sizeof *t->edges);
    t->n_edges = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (t->nodes[i].successor_id)
            t->edges[t->n_edges++] = (struct unit_edge){t->nodes[i].successor_id, t->nodes[i].id,
                                                        false};
        if (t->nodes[i].parent_id)
            t->edges[t->n_edges++] = (struct unit_edge){t->nodes[i].parent_id, t->nodes[i].id,
                                                        true};
    }
    if (t->n_edges)
        qsort(t->edges, t->n_edges, sizeof *t->edges, cmp_edge);
}

/* Position of `id` among the sorted nodes, or t->n when absent. */
static size_t node_pos(const struct unit_tree *t, int64_t id)
{
    const struct unit_node *nd = unit_tree_find(t, id);
    return nd ? (size_t)(nd - t->nodes) : t->n;
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
    free(t->edges);
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

static int cmp_id(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

void unit_tree_cover(const struct unit_tree *t, int64_t root, bool subtree, struct unit_set *out)
{
    /* Breadth first down the prebuilt edges; `seen` marks nodes by position, and the
     * units found are sorted once at the end rather than inserted in order one by one. */
    bool *seen = xcalloc(t->n + 1, sizeof *seen);
    int64_t *found = xmalloc((t->n + 1) * sizeof *found);
    size_t head = 0, tail = 0;
    found[tail++] = root;
    seen[node_pos(t, root)] = true;
    while (head < tail) {
        int64_t cur = found[head++];
        size_t lo = 0, hi = t->n_edges;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (t->edges[mid].to < cur)
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t k = lo; k < t->n_edges && t->edges[k].to == cur; k++) {
            if (t->edges[k].parent && !subtree)
                continue;
            size_t p = node_pos(t, t->edges[k].from);
            if (p == t->n || seen[p] || tail > t->n)
                continue;
            seen[p] = true;
            found[tail++] = t->edges[k].from;
        }
    }
    qsort(found, tail, sizeof *found, cmp_id);
    if (out->n == 0) {
        out->ids = xgrow(out->ids, &out->cap, tail, sizeof *out->ids);
        memcpy(out->ids, found, tail * sizeof *found);
        out->n = tail;
    } else {
        for (size_t i = 0; i < tail; i++)
            unit_set_add(out, found[i]);
    }
    free(found);
    free(seen);
}

bool unit_tree_within(const struct unit_tree *t, int64_t root, bool subtree, int64_t id)
{
    /* Up from `id` by successor (and, for a subtree, parent) links until `root`: each unit
     * has at most one of each, and `seen` bounds the walk even on a cyclic import. */
    if (id == root)
        return true;
    bool *seen = xcalloc(t->n + 1, sizeof *seen);
    int64_t *stack = xmalloc((t->n + 1) * sizeof *stack);
    size_t top = 0;
    bool inside = false;
    stack[top++] = id;
    while (top && !inside) {
        const struct unit_node *nd = unit_tree_find(t, stack[--top]);
        if (!nd || seen[nd - t->nodes])
            continue;
        seen[nd - t->nodes] = true;
        int64_t up[2] = {nd->successor_id, subtree ? nd->parent_id : 0};
        for (int k = 0; k < 2; k++) {
            if (!up[k])
                continue;
            if (up[k] == root)
                inside = true;
            else if (top <= t->n)
                stack[top++] = up[k];
        }
    }
    free(stack);
    free(seen);
    return inside;
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
