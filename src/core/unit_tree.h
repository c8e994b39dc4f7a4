/*
 * core/unit_tree.h - the shape of the unit tree, for the questions that walk it.
 *
 * Which units a report of unit U covers: U itself, the units merged into U
 * (closed with U as successor, transitively: their tasks add up under U)
 * and, for a subtree, everything below any of them. Whether moving a unit
 * under a new parent, or naming a successor, would make a cycle. The tree
 * is loaded whole (ids, parents, successors: a few bytes per unit, so a
 * country's 100,000 units fit easily). Pure: no I/O. Owns its arrays.
 */
#ifndef GB_CORE_UNIT_TREE_H
#define GB_CORE_UNIT_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct unit_node {
    int64_t id;
    int64_t parent_id;    /* 0 for a root */
    int64_t successor_id; /* 0 unless closed in a merger */
};

/* "`from` is below `to`": a unit's parent edge, or a merged unit's successor edge. */
struct unit_edge {
    int64_t to, from;
    bool parent; /* false: successor */
};

struct unit_tree {
    struct unit_node *nodes; /* sorted by id after unit_tree_index() */
    size_t n, cap;
    struct unit_edge *edges; /* built by unit_tree_index(), sorted by `to` */
    size_t n_edges;
};

/* A set of unit ids, sorted, no duplicates. */
struct unit_set {
    int64_t *ids;
    size_t n, cap;
};

#define UNIT_TREE_INIT {0, 0, 0, 0, 0}
#define UNIT_SET_INIT {0, 0, 0}

void unit_tree_add(struct unit_tree *t, int64_t id, int64_t parent_id, int64_t successor_id);
/* Call once after the last add: sorts the nodes and builds the edge index the walks use. */
void unit_tree_index(struct unit_tree *t);
const struct unit_node *unit_tree_find(const struct unit_tree *t, int64_t id);
void unit_tree_release(struct unit_tree *t);

/*
 * The units a figure of `root` covers: root, the units merged into it, and
 * with `subtree` all their descendants (and the units merged into those).
 */
void unit_tree_cover(const struct unit_tree *t, int64_t root, bool subtree, struct unit_set *out);

/* Is `id` in unit_tree_cover(t, root, subtree)? Walks up from `id`: a few steps, not a cover. */
bool unit_tree_within(const struct unit_tree *t, int64_t root, bool subtree, int64_t id);

/* Would making `parent_id` the parent of `id` put `id` above itself? */
bool unit_tree_parent_cycles(const struct unit_tree *t, int64_t id, int64_t parent_id);
/* Would naming `successor_id` as successor of `id` make a chain that returns to `id`? */
bool unit_tree_successor_cycles(const struct unit_tree *t, int64_t id, int64_t successor_id);
/* Follow the successor chain from `id` to the unit that carries its history now. */
int64_t unit_tree_current(const struct unit_tree *t, int64_t id);

void unit_set_add(struct unit_set *s, int64_t id); /* keeps it sorted */
bool unit_set_has(const struct unit_set *s, int64_t id);
void unit_set_release(struct unit_set *s);

#endif
