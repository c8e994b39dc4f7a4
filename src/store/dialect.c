/*
 * store/dialect.c - the domain SQL, written once, in each backend's form.
 *
 * The domain files write PostgreSQL-flavoured SQL: `$N` parameters, `::type` casts,
 * `FOR UPDATE`, and IDSET($N) for a parameter bound to a JSON array of ids ("[1,2,3]")
 * standing for the set of those ids. For PostgreSQL only IDSET is expanded; for SQLite
 * `$N` becomes `?N`, a cast is dropped (SQLite's columns carry their affinity), FOR UPDATE
 * is dropped (a write transaction, BEGIN IMMEDIATE, already holds the whole database) and
 * IDSET reads the array with json_each().
 *
 * The SQL is read as tokens: a string literal ('...', E'...'), a quoted identifier ("..."),
 * a dollar-quoted string ($tag$...$tag$) or a comment is copied as it is, so a `$1`,
 * `::` or `FOR UPDATE` inside one is never rewritten. Each statement is translated once per
 * connection (the statement cache keeps the result), so this need not be fast.
 */
#include <string.h>

#include "store/driver.h"

static bool is_ident(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || (unsigned char)c >= 0x80;
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* If p starts a string literal, a quoted identifier, a comment or a dollar-quoted string,
 * return the first byte after it (at most `end`); else p. */
static const char *skip_quoted(const char *sql, const char *p, const char *end)
{
    bool after_ident = p > sql && is_ident(p[-1]);
    if (*p == '\'') {
        /* E'...' takes backslash escapes; standard strings only double the quote. */
        bool esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') && (p - 1 == sql || !is_ident(p[-2]));
        for (p++; p < end; p++) {
            if (esc && *p == '\\' && p + 1 < end)
                p++;
            else if (*p == '\'' && p + 1 < end && p[1] == '\'')
                p++;
            else if (*p == '\'')
                return p + 1;
        }
        return end;
    }
    if (*p == '"') {
        for (p++; p < end; p++)
            if (*p == '"')
                return p + 1;
        return end;
    }
    if (p[0] == '-' && p + 1 < end && p[1] == '-') {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        return nl ? nl + 1 : end;
    }
    if (p[0] == '/' && p + 1 < end && p[1] == '*') {
        for (const char *q = p + 2; q + 1 < end; q++)
            if (q[0] == '*' && q[1] == '/')
                return q + 2;
        return end;
    }
    if (p[0] == '$' && !after_ident && p + 1 < end && !is_digit(p[1])) {
        const char *t = p + 1;
        while (t < end && is_ident(*t))
            t++;
        if (t >= end || *t != '$')
            return p;
        size_t taglen = (size_t)(t - p) + 1; /* "$tag$" */
        for (const char *q = t + 1; q + taglen <= end; q++)
            if (memcmp(q, p, taglen) == 0)
                return q + taglen;
        return end;
    }
    return p;
}

static int parse_param(const char **pp, const char *end)
{
    const char *p = *pp;
    int n = 0;
    while (p < end && is_digit(*p)) {
        n = n * 10 + (*p++ - '0');
        if (n > DIALECT_MAX_PARAMS)
            BUG("SQL parameter beyond $%d", DIALECT_MAX_PARAMS);
    }
    *pp = p;
    return n;
}

/* Does the unquoted text at p start with `word`, not followed by an identifier byte? */
static bool at_word(const char *p, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - p) >= n && memcmp(p, word, n) == 0 && (p + n == end || !is_ident(p[n]));
}

int dialect_translate(enum dialect d, const char *sql, size_t len, struct buf *out)
{
    const char *end = sql + len;
    bool sqlite = d == DIALECT_SQLITE;
    int most = 0;
    for (const char *p = sql; p < end;) {
        const char *skip = skip_quoted(sql, p, end);
        bool word_start = p == sql || !is_ident(p[-1]);
        if (skip != p) {
            buf_add(out, p, (size_t)(skip - p));
            p = skip;
        } else if (word_start && at_word(p, end, "IDSET") && p + 6 < end && p[5] == '(' &&
                   p[6] == '$') {
            const char *q = p + 7;
            int n = parse_param(&q, end);
            if (n < 1 || q >= end || *q != ')')
                BUG("malformed IDSET in: %.*s", (int)len, sql);
            if (sqlite)
                buf_addf(out, "(SELECT value FROM json_each(?%d))", n);
            else
                buf_addf(out, "(SELECT jsonb_array_elements_text($%d::jsonb)::bigint)", n);
            most = n > most ? n : most;
            p = q + 1;
        } else if (p[0] == '$' && p + 1 < end && is_digit(p[1]) && word_start) {
            const char *q = p + 1;
            int n = parse_param(&q, end);
            most = n > most ? n : most;
            buf_addc(out, sqlite ? '?' : '$');
            buf_add(out, p + 1, (size_t)(q - p - 1));
            p = q;
        } else if (sqlite && p[0] == ' ' && at_word(p + 1, end, "FOR UPDATE")) {
            p += 11;
        } else if (sqlite && p[0] == ':' && p + 1 < end && p[1] == ':') {
            for (p += 2; p < end && (is_ident(*p) || *p == '[' || *p == ']');)
                p++;
        } else {
            buf_addc(out, *p++);
        }
    }
    return most;
}

/* Does `word` occur in sql[0, len) outside quoted text, at the start of a word? */
static bool unquoted_has(const char *sql, size_t len, const char *word)
{
    const char *end = sql + len;
    size_t n = strlen(word);
    for (const char *p = sql; p < end;) {
        const char *skip = skip_quoted(sql, p, end);
        if (skip != p) {
            p = skip;
            continue;
        }
        if ((p == sql || !is_ident(p[-1])) && (size_t)(end - p) >= n && memcmp(p, word, n) == 0)
            return true;
        p++;
    }
    return false;
}

/*
 * SQLite runs a RETURNING clause through a temporary table made and dropped at each
 * execution (under every task and event of a bulk load, in perf); without it the id is
 * sqlite3_last_insert_rowid(), since every table the store inserts into this way has
 * `id INTEGER PRIMARY KEY`, the rowid. An upsert (ON CONFLICT) may insert nothing and an
 * INSERT ... SELECT many rows: those keep RETURNING.
 */
size_t dialect_insert_returning_id(const char *sql)
{
    static const char tail[] = " RETURNING id";
    size_t n = strlen(sql), t = sizeof tail - 1;
    if (strncmp(sql, "INSERT INTO ", 12) != 0 || n <= t || strcmp(sql + n - t, tail) != 0)
        return 0;
    n -= t;
    if (unquoted_has(sql, n, "ON CONFLICT") || unquoted_has(sql, n, "SELECT") ||
        unquoted_has(sql, n, "RETURNING") || !unquoted_has(sql, n, "VALUES ("))
        return 0;
    return n;
}
