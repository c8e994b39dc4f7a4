/*
 * store/store_catalogue.c - the successors of closed units, and units by official code.
 * See store.h ("Unit successors and the official catalogue").
 *
 * Since migration 0014 a closed unit's successors are the rows of unit_successor plus the
 * unit's own successor_id (the main one, which `unit close --successor` sets alone and the
 * merger cover reads); every read here takes the union, so neither writer has to know of
 * the other.
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "store/store_int.h"

static void read_link(struct store *s, struct arena *a, struct stmt *st, void *out)
{
    (void)a;
    struct unit_link *l = out;
    l->unit_id = sql_col_int(s, st, 0);
    l->successor_id = sql_col_int(s, st, 1);
}

int store_unit_links(struct store *s, struct arena *a, struct unit_link **out, size_t *n,
                     struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT id, successor_id FROM unit WHERE successor_id IS NOT NULL"
                         " UNION SELECT unit_id, successor_id FROM unit_successor ORDER BY 1, 2",
                         &st, e);
    if (rc)
        return rc;
    void *list;
    rc = sql_list(s, a, st, sizeof **out, read_link, &list, n, e);
    *out = list;
    return rc;
}

int store_unit_successors_set(struct store *s, int64_t unit, const int64_t *succ, size_t n,
                              struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s, "DELETE FROM unit_successor WHERE unit_id = $1", &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    if ((rc = sql_run(s, st, e)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        if ((rc = sql_prepare(s,
                              "INSERT INTO unit_successor (unit_id, successor_id) VALUES ($1, $2)"
                              " ON CONFLICT DO NOTHING",
                              &st, e)))
            return rc;
        sql_bind_int(s, st, 1, unit);
        sql_bind_int(s, st, 2, succ[i]);
        if ((rc = sql_run(s, st, e)))
            return rc;
    }
    return ERR_OK;
}

int store_unit_successors(struct store *s, struct arena *a, int64_t unit, int64_t **ids,
                          size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT x FROM (SELECT successor_id AS x FROM unit"
                         " WHERE id = $1 AND successor_id IS NOT NULL"
                         " UNION SELECT successor_id FROM unit_successor WHERE unit_id = $1) t"
                         " ORDER BY CASE WHEN x = (SELECT successor_id FROM unit WHERE id = $1)"
                         " THEN 0 ELSE 1 END, x",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    return sql_list_ids(s, a, st, ids, n, e);
}

int store_unit_predecessors(struct store *s, struct arena *a, int64_t unit, int64_t **ids,
                            size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT id FROM unit WHERE successor_id = $1"
                         " UNION SELECT unit_id FROM unit_successor WHERE successor_id = $1"
                         " ORDER BY 1",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    return sql_list_ids(s, a, st, ids, n, e);
}

int store_unit_by_code(struct store *s, struct arena *a, const char *code, int64_t **ids,
                       size_t *n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "SELECT id FROM unit WHERE code = $1"
                         " ORDER BY coalesce(valid_from, -2147483648), id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_text(s, st, 1, code);
    return sql_list_ids(s, a, st, ids, n, e);
}

int store_unit_close_into(struct store *s, int64_t unit, day_num day, int64_t main,
                          const int64_t *succ, size_t n, struct error *e)
{
    struct stmt *st;
    int rc = sql_prepare(s,
                         "UPDATE unit SET valid_to = $2, successor_id = $3 WHERE id = $1"
                         " RETURNING id",
                         &st, e);
    if (rc)
        return rc;
    sql_bind_int(s, st, 1, unit);
    sql_bind_day(s, st, 2, day);
    sql_bind_id(s, st, 3, main);
    int64_t id;
    bool found;
    if ((rc = sql_get_int(s, st, &id, &found, e)))
        return rc;
    if (!found)
        return error_set(e, ERR_NOT_FOUND, "unit", "Không có đơn vị số %lld", (long long)unit);
    return store_unit_successors_set(s, unit, succ, n, e);
}

/* As store_unit.c's own writes do: a random version, never one a wiped database had. */
int store_unit_tree_changed(struct store *s, struct error *e)
{
    uint64_t r[2];
    if (getentropy(r, sizeof r) != 0) {
        r[0] = (uint64_t)time(NULL) * 2654435761u ^ (uint64_t)getpid();
        r[1] = (uint64_t)clock();
    }
    char version[40];
    snprintf(version, sizeof version, "c%016llx%08llx", (unsigned long long)r[0],
             (unsigned long long)(r[1] & 0xffffffffu));
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
