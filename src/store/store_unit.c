/*
 * store/store_unit.c - units, their names, and people. See store.h.
 *
 * Every name a unit answers to (code, full name, short name, aliases) is a
 * row of unit_name with its folded form (text_fold_compact), so "tckh",
 * "Phòng TC-KH" and "phong tc kh" all find one indexed key.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"
#include "text/normalize.h"
#include "util/xalloc.h"

static int add_name(struct store *s, int64_t unit_id, const char *kind, const char *name,
                    struct error *e)
{
    if (!name || !*name)
        return ERR_OK;
    struct arena a = ARENA_INIT;
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO unit_name (unit_id, kind, name, fold) VALUES ($1, $2, $3, $4)"
                         " ON CONFLICT DO NOTHING",
                         &st, e);
    if (!rc) {
        sql_bind_int(s, st, 1, unit_id);
        sql_bind_text(s, st, 2, kind);
        sql_bind_text(s, st, 3, name);
        sql_bind_text(s, st, 4, text_fold_compact(&a, name));
        rc = sql_run(s, st, e);
    }
    arena_release(&a);
    return rc;
}

static int write_names(struct store *s, const struct unit_rec *u, int64_t id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "DELETE FROM unit_name WHERE unit_id = $1 AND kind <> 'alias'", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    if ((rc = sql_run(s, st, e)) || (rc = add_name(s, id, "code", u->code, e)) ||
        (rc = add_name(s, id, "name", u->name, e)) ||
        (rc = add_name(s, id, "short", u->short_name, e)))
        return rc;
    for (const char **al = u->aliases; al && *al; al++)
        if ((rc = add_name(s, id, "alias", *al, e)))
            return rc;
    return ERR_OK;
}

/*
 * A new random version of the unit tree, written in the transaction of the change that
 * makes it: every process's cached tree (store_unit_tree) stops matching. Random rather
 * than counted, so that a database wiped and filled again never repeats an old version.
 */
static int bump_unit_version(struct store *s, struct error *e)
{
    static uint64_t seed;
    static unsigned long counter;
    if (!seed) {
        if (getentropy(&seed, sizeof seed) != 0)
            seed = (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid();
        seed |= 1;
    }
    char version[40];
    snprintf(version, sizeof version, "%016llx-%lu", (unsigned long long)seed,
             __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED));
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO setting (key, value) VALUES ('unit_version', $1)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, version);
    return sql_run(s, st, e);
}

int store_unit_insert(struct store *s, const struct unit_rec *u, int64_t *id, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO unit (code, name, short_name, kind, parent_id, head_name,"
                         " head_title, valid_from, valid_to, successor_id, created_at)"
                         " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    char now[32];
    sql_bind_text(s, st, 1, u->code);
    sql_bind_text(s, st, 2, u->name);
    sql_bind_text(s, st, 3, u->short_name);
    sql_bind_text(s, st, 4, u->kind);
    sql_bind_id(s, st, 5, u->parent_id);
    sql_bind_text(s, st, 6, u->head_name);
    sql_bind_text(s, st, 7, u->head_title);
    sql_bind_day(s, st, 8, u->valid_from);
    sql_bind_day(s, st, 9, u->valid_to);
    sql_bind_id(s, st, 10, u->successor_id);
    sql_bind_text(s, st, 11, store_now_text(s, now));
    if ((rc = sql_run_int(s, st, id, e)) || (rc = bump_unit_version(s, e)))
        return rc;
    return write_names(s, u, *id, e);
}

int store_unit_update(struct store *s, const struct unit_rec *u, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "UPDATE unit SET code = $2, name = $3, short_name = $4, kind = $5,"
                         " parent_id = $6, head_name = $7, head_title = $8, valid_from = $9,"
                         " valid_to = $10, successor_id = $11 WHERE id = $1 RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, u->id);
    sql_bind_text(s, st, 2, u->code);
    sql_bind_text(s, st, 3, u->name);
    sql_bind_text(s, st, 4, u->short_name);
    sql_bind_text(s, st, 5, u->kind);
    sql_bind_id(s, st, 6, u->parent_id);
    sql_bind_text(s, st, 7, u->head_name);
    sql_bind_text(s, st, 8, u->head_title);
    sql_bind_day(s, st, 9, u->valid_from);
    sql_bind_day(s, st, 10, u->valid_to);
    sql_bind_id(s, st, 11, u->successor_id);
    int64_t id;
    bool found;
    if ((rc = sql_get_int(s, st, &id, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "unit", "Không có đơn vị số %lld", (long long)u->id);
    if ((rc = bump_unit_version(s, e)))
        return rc;
    return write_names(s, u, u->id, e);
}

#define UNIT_COLS                                                                                  \
    "u.id, u.code, u.name, u.short_name, u.kind, u.parent_id, u.head_name, u.head_title,"         \
    " u.valid_from, u.valid_to, u.successor_id"

static void read_unit(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct unit_rec *u = out_;
    u->id = sql_col_int(s, st, 0);
    u->code = sql_col_text(s, a, st, 1);
    u->name = sql_col_text(s, a, st, 2);
    u->short_name = sql_col_text(s, a, st, 3);
    u->kind = sql_col_text(s, a, st, 4);
    u->parent_id = sql_col_id(s, st, 5);
    u->head_name = sql_col_text(s, a, st, 6);
    u->head_title = sql_col_text(s, a, st, 7);
    u->valid_from = sql_col_day(s, st, 8);
    u->valid_to = sql_col_day(s, st, 9);
    u->successor_id = sql_col_id(s, st, 10);
    u->aliases = NULL;
}

static int read_aliases(struct store *s, struct arena *a, struct unit_rec *u, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT name FROM unit_name WHERE unit_id = $1 AND kind = 'alias'"
                         " ORDER BY name",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, u->id);
    const char **list = NULL;
    size_t n = 0, cap = 0;
    bool row;
    while (!(rc = sql_step(s, st, &row, e)) && row) {
        list = arena_grow(a, list, &cap, n + 2, sizeof *list);
        list[n++] = sql_col_text(s, a, st, 0);
        list[n] = NULL;
    }
    sql_reset(s, st);
    u->aliases = list;
    return rc;
}

int store_unit_get(struct store *s, struct arena *a, int64_t id, struct unit_rec *out,
                   struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " UNIT_COLS " FROM unit u WHERE u.id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    bool found;
    if ((rc = sql_get_one(s, a, st, read_unit, out, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "unit", "Không có đơn vị số %lld", (long long)id);
    return read_aliases(s, a, out, e);
}

int store_unit_list(struct store *s, struct arena *a, struct unit_rec **out, size_t *n,
                    struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT " UNIT_COLS " FROM unit u ORDER BY u.id", &st, e);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_unit, &list, n, e);
    *out = list;
    return rc;
}

static int collect_ids(struct store *s, struct arena *a, struct stmt *st, int64_t **ids,
                       size_t *n, struct error *e)
{
    return sql_list_ids(s, a, st, ids, n, e);
}

int store_unit_find_exact(struct store *s, struct arena *a, const char *key, int64_t **ids,
                          size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT DISTINCT unit_id FROM unit_name WHERE fold = $1 ORDER BY 1",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, key);
    return collect_ids(s, a, st, ids, n, e);
}

int store_unit_find_like(struct store *s, struct arena *a, const char *key, size_t max,
                         int64_t **ids, size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT DISTINCT unit_id FROM unit_name WHERE fold LIKE $1 ESCAPE '\\'"
                         " ORDER BY 1 LIMIT $2",
                         &st, e);
    if (rc)
        return rc;
    /* The folded key holds only letters and digits: no wildcard to escape. */
    char *pattern = arena_printf(a, "%%%s%%", key);
    sql_bind_text(s, st, 1, pattern);
    sql_bind_int(s, st, 2, (int64_t)max);
    return collect_ids(s, a, st, ids, n, e);
}

/* The unit_version setting, into a char[40]. */
static void read_version(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    const char *v = sql_col_text_raw(s, st, 0);
    snprintf(out, 40, "%s", v ? v : "");
}

int store_unit_tree(struct store *s, const struct unit_tree **out, struct error *e)
{
    struct stmt *st;
    char version[40] = "";
    int rc = sql_prepare(s, "SELECT value FROM setting WHERE key = 'unit_version'", &st, e);
    if (rc)
        return rc;
    bool found; /* no row: no unit was ever written, version "" */
    if ((rc = sql_get_one(s, NULL, st, read_version, version, &found, e)))
        return rc;
    if (s->tree_cached && strcmp(version, s->tree_version) == 0) {
        *out = &s->tree_cache;
        return ERR_OK;
    }
    if ((rc = sql_prepare(s, "SELECT id, parent_id, successor_id FROM unit", &st, e)))
        return rc;
    bool row;
    struct unit_tree t = UNIT_TREE_INIT;
    while (!(rc = sql_step(s, st, &row, e)) && row)
        unit_tree_add(&t, sql_col_int(s, st, 0), sql_col_id(s, st, 1), sql_col_id(s, st, 2));
    sql_reset(s, st);
    if (rc) {
        unit_tree_release(&t);
        return rc;
    }
    unit_tree_index(&t);
    /* Inside a transaction the tree may hold this transaction's own changes, which a
     * rollback would undo: only a tree read outside one is kept for later requests. */
    if (s->tx_depth == 0) {
        unit_tree_release(&s->tree_cache);
        s->tree_cache = t;
        snprintf(s->tree_version, sizeof s->tree_version, "%s", version);
        s->tree_cached = true;
        *out = &s->tree_cache;
    } else {
        unit_tree_release(&s->tree_tx);
        s->tree_tx = t;
        *out = &s->tree_tx;
    }
    return ERR_OK;
}

/* ---- People ---- */

int store_person_insert(struct store *s, const struct person_rec *p, int64_t *id,
                        struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "INSERT INTO person (name, name_fold, title, unit_id, created_at)"
                         " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    struct arena a = ARENA_INIT;
    char now[32];
    sql_bind_text(s, st, 1, p->name);
    sql_bind_text(s, st, 2, text_fold(&a, p->name));
    sql_bind_text(s, st, 3, p->title);
    sql_bind_id(s, st, 4, p->unit_id);
    sql_bind_text(s, st, 5, store_now_text(s, now));
    rc = sql_run_int(s, st, id, e);
    arena_release(&a);
    return rc;
}

static void read_person(struct store *s, struct arena *a, struct stmt *st, void *out_)
{
    struct person_rec *p = out_;
    p->id = sql_col_int(s, st, 0);
    p->name = sql_col_text(s, a, st, 1);
    p->title = sql_col_text(s, a, st, 2);
    p->unit_id = sql_col_id(s, st, 3);
}

int store_person_get(struct store *s, struct arena *a, int64_t id, struct person_rec *out,
                     struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "SELECT id, name, title, unit_id FROM person WHERE id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, id);
    bool found;
    if ((rc = sql_get_one(s, a, st, read_person, out, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "person", "Không có cán bộ số %lld", (long long)id);
    return ERR_OK;
}

int store_person_list(struct store *s, struct arena *a, int64_t unit_id, struct person_rec **out,
                      size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT id, name, title, unit_id FROM person"
                         " WHERE ($1::bigint IS NULL OR unit_id = $1) ORDER BY id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_id(s, st, 1, unit_id);
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_person, &list, n, e);
    *out = list;
    return rc;
}
