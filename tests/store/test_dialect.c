/*
 * tests/store/test_dialect.c - the dialect layer (src/store/dialect.c) and the shared
 * statement cache (src/store/driver.c), without a database.
 *
 * Dialect: `$N`, `::type`, FOR UPDATE and IDSET($N) are rewritten for SQLite and IDSET
 * alone for PostgreSQL, while string literals, E'' strings, quoted identifiers,
 * dollar-quoted strings and comments are never touched; the highest parameter is counted;
 * a one-row INSERT ... RETURNING id is told from an upsert or an INSERT ... SELECT, also
 * when the words hide in quoted text. Cache: found by text and by address, grows, frees
 * every statement once.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "store/driver.h"

static int n_params;

static char *tr(enum dialect d, const char *sql)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    n_params = dialect_translate(d, sql, strlen(sql), &b);
    char *out = strdup(b.data ? b.data : "");
    buf_release(&b);
    return out;
}

#define CHECK_TR(name, d, sql, want)                                                               \
    do {                                                                                           \
        char *got_ = tr(d, sql);                                                                   \
        CHECK_STR_EQ(name, got_, want);                                                            \
        free(got_);                                                                                \
    } while (0)

static void test_sqlite(void)
{
    enum dialect d = DIALECT_SQLITE;
    CHECK_TR("params", d, "SELECT a FROM t WHERE b = $1 AND c = $12",
             "SELECT a FROM t WHERE b = ?1 AND c = ?12");
    CHECK_INT_EQ("highest param", n_params, 12);
    CHECK_TR("cast", d, "SELECT coalesce(sum(g), 0)::bigint, $1::integer[] FROM t",
             "SELECT coalesce(sum(g), 0), ?1 FROM t");
    CHECK_TR("for update", d, "SELECT id FROM task WHERE id = $1 FOR UPDATE",
             "SELECT id FROM task WHERE id = ?1");
    CHECK_TR("for update inside", d, "SELECT 1 FOR UPDATE OF x", "SELECT 1 OF x");
    CHECK_TR("for updated is a word", d, "SELECT 1 FOR UPDATED", "SELECT 1 FOR UPDATED");
    CHECK_TR("idset", d, "SELECT 1 WHERE u IN IDSET($3)",
             "SELECT 1 WHERE u IN (SELECT value FROM json_each(?3))");
    CHECK_INT_EQ("idset counts", n_params, 3);
    CHECK_TR("literal kept", d, "SELECT '$1::text FOR UPDATE IDSET($2)' || $1",
             "SELECT '$1::text FOR UPDATE IDSET($2)' || ?1");
    CHECK_INT_EQ("literal not counted", n_params, 1);
    CHECK_TR("doubled quote", d, "SELECT 'it''s $2', $1", "SELECT 'it''s $2', ?1");
    CHECK_TR("escape literal", d, "SELECT x LIKE $1 ESCAPE '\\'", "SELECT x LIKE ?1 ESCAPE '\\'");
    CHECK_TR("E string", d, "SELECT E'a\\' $2 ', $1", "SELECT E'a\\' $2 ', ?1");
    CHECK_TR("quoted identifier", d, "SELECT \"a::b $1\" FROM t WHERE c = $1",
             "SELECT \"a::b $1\" FROM t WHERE c = ?1");
    CHECK_TR("line comment", d, "SELECT 1 -- $9 ::int\n, $1", "SELECT 1 -- $9 ::int\n, ?1");
    CHECK_TR("block comment", d, "SELECT /* FOR UPDATE $9 */ $1", "SELECT /* FOR UPDATE $9 */ ?1");
    CHECK_TR("dollar quoted", d, "SELECT $x$ $1 'a $x$, $2", "SELECT $x$ $1 'a $x$, ?2");
    CHECK_TR("json path in literal", d, "SELECT json_extract(v, '$.a') FROM t",
             "SELECT json_extract(v, '$.a') FROM t");
    CHECK_TR("unterminated literal", d, "SELECT '$1", "SELECT '$1");
    CHECK_TR("utf-8 kept", d, "SELECT 'Hà Nội' WHERE x = $1", "SELECT 'Hà Nội' WHERE x = ?1");
}

static void test_postgres(void)
{
    enum dialect d = DIALECT_POSTGRES;
    CHECK_TR("pg params and casts kept", d, "SELECT $1::bigint FROM t WHERE id = $2 FOR UPDATE",
             "SELECT $1::bigint FROM t WHERE id = $2 FOR UPDATE");
    CHECK_INT_EQ("pg highest", n_params, 2);
    CHECK_TR("pg idset", d, "SELECT 1 WHERE u IN IDSET($1)",
             "SELECT 1 WHERE u IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)");
    CHECK_TR("pg idset in literal", d, "SELECT 'IDSET($1)'", "SELECT 'IDSET($1)'");
    CHECK_INT_EQ("pg literal not counted", n_params, 0);
    CHECK_TR("pg MYIDSET is another word", d, "SELECT MYIDSET($1)", "SELECT MYIDSET($1)");
}

static void test_returning(void)
{
    const char *plain = "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id";
    CHECK_INT_EQ("plain insert", dialect_insert_returning_id(plain),
                 strlen(plain) - strlen(" RETURNING id"));
    CHECK_INT_EQ("upsert keeps", dialect_insert_returning_id(
                     "INSERT INTO t (a) VALUES ($1) ON CONFLICT (a) DO NOTHING RETURNING id"), 0);
    CHECK_INT_EQ("insert select keeps", dialect_insert_returning_id(
                     "INSERT INTO t (a) SELECT a FROM u RETURNING id"), 0);
    CHECK_INT_EQ("no returning", dialect_insert_returning_id("INSERT INTO t (a) VALUES ($1)"), 0);
    CHECK_INT_EQ("update", dialect_insert_returning_id("UPDATE t SET a = 1 RETURNING id"), 0);
    const char *lit = "INSERT INTO t (a) VALUES ('SELECT ON CONFLICT') RETURNING id";
    CHECK_INT_EQ("words in a literal", dialect_insert_returning_id(lit),
                 strlen(lit) - strlen(" RETURNING id"));
    const char *quoted_values = "INSERT INTO t (a) DEFAULT 'VALUES (' RETURNING id";
    CHECK_INT_EQ("values only in a literal", dialect_insert_returning_id(quoted_values), 0);
}

static int freed;
static void count_free(struct stmt *st)
{
    (void)st;
    freed++;
}

static void test_cache(void)
{
    struct stmt_cache c = {0};
    static const char q1[] = "SELECT 1";
    char *dyn = strdup("SELECT 1");
    struct stmt *a = (struct stmt *)(uintptr_t)0x1000;
    CHECK("empty misses", stmt_cache_get(&c, q1, true) == NULL);
    const char *key = stmt_cache_add(&c, q1, true, a);
    CHECK("key is a copy", key != q1 && strcmp(key, q1) == 0);
    CHECK("by address", stmt_cache_get(&c, q1, true) == a);
    CHECK("by text", stmt_cache_get(&c, dyn, false) == a);
    CHECK("other text misses", stmt_cache_get(&c, "SELECT 2", false) == NULL);
    char sql[64];
    for (int i = 0; i < 500; i++) {
        snprintf(sql, sizeof sql, "SELECT %d", i + 2);
        stmt_cache_add(&c, sql, false, (struct stmt *)(uintptr_t)(0x2000 + i * 16));
    }
    int found = 0;
    for (int i = 0; i < 500; i++) {
        snprintf(sql, sizeof sql, "SELECT %d", i + 2);
        found += stmt_cache_get(&c, sql, false) == (struct stmt *)(uintptr_t)(0x2000 + i * 16);
    }
    CHECK_INT_EQ("all found after growing", found, 500);
    CHECK("first still found", stmt_cache_get(&c, q1, true) == a);
    stmt_cache_release(&c, count_free);
    CHECK_INT_EQ("each freed once", freed, 501);
    free(dyn);
}

int main(void)
{
    test_sqlite();
    test_postgres();
    test_returning();
    test_cache();
    return check_report();
}
