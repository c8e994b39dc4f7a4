/*
 * store/store_catalogue.c - the successors of closed units, and units by official code.
 * See store.h ("Unit successors and the official catalogue").
 *
 * Since migration 0014 a closed unit's successors are the rows of unit_successor plus the
 * unit's own successor_id (the main one, which `unit close --successor` sets alone and the
 * merger cover reads); every read here takes the union, so neither writer has to know of
 * the other.
 */
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
