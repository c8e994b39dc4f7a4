/*
 * cli/config.c - the server's configuration file (config.h says the format).
 *
 * The file is read whole (it is small: CONFIG_FILE_MAX), then line by line;
 * the first fault ends the parse, so the administrator sees one message
 * naming the file, the line and the key, fixes it and tries again.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/config.h"
#include "util/xalloc.h"

const struct config_key serve_config_keys[] = {
    {"db", CONFIG_TEXT, 0, 0},
    {"listen", CONFIG_TEXT, 0, 0},
    {"threads", CONFIG_COUNT, 1, 256},
    {"max-body", CONFIG_COUNT, 1, 64ul << 20},
    {"timeout", CONFIG_COUNT, 1, 3600},
    {"memory", CONFIG_COUNT, 1, 65536},
    {"cache", CONFIG_COUNT, 0, 4096},
    {"secure-cookie", CONFIG_FLAG, 0, 0},
    {"trust-proxy", CONFIG_FLAG, 0, 0},
    {0},
};

static bool is_blank(char ch) { return ch == ' ' || ch == '\t' || ch == '\r'; }

/* [s, *end) without the blanks on either side. */
static const char *trim(const char *s, const char **end)
{
    while (s < *end && is_blank(*s))
        s++;
    while (*end > s && is_blank((*end)[-1]))
        (*end)--;
    return s;
}

static const struct config_key *find_key(const struct config_key *keys, const char *name,
                                         size_t len)
{
    for (const struct config_key *k = keys; k->name; k++)
        if (strlen(k->name) == len && memcmp(k->name, name, len) == 0)
            return k;
    return NULL;
}

static int flag_value(const char *v, const char **out)
{
    static const char *const yes[] = {"yes", "true", "on", "1"};
    static const char *const no[] = {"no", "false", "off", "0"};
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(v, yes[i]) == 0) {
            *out = "yes";
            return 1;
        }
        if (strcmp(v, no[i]) == 0) {
            *out = "no";
            return 1;
        }
    }
    return 0;
}

static bool count_ok(const char *v, unsigned long min, unsigned long max)
{
    char *end;
    if (*v < '0' || *v > '9')
        return false;
    errno = 0;
    unsigned long n = strtoul(v, &end, 10);
    return !*end && errno == 0 && n >= min && n <= max;
}

/* The names of the table, "db, listen, ...", for the message on an unknown key. */
static void key_names(const struct config_key *keys, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const struct config_key *k = keys; k->name && used < size; k++) {
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", k->name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
}

int config_parse(const char *path, const char *text, size_t len, const struct config_key *keys,
                 struct arena *a, struct config *out, struct error *e)
{
    struct config cfg = {.path = path};
    const char *p = text, *stop = text + len;
    if (memchr(text, '\0', len))
        return error_set(e, ERR_INVALID, "config",
                         "Tệp cấu hình %s có ký tự NUL: không phải tệp văn bản", path);
    for (unsigned line = 1; p < stop; line++) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        const char *eol = nl ? nl : stop;
        const char *next = nl ? nl + 1 : stop;
        if ((size_t)(eol - p) > CONFIG_LINE_MAX)
            return error_set(e, ERR_INVALID, "config",
                             "Tệp cấu hình %s, dòng %u: dòng dài quá %u byte", path, line,
                             CONFIG_LINE_MAX);
        const char *end = eol;
        const char *s = trim(p, &end);
        p = next;
        if (s == end || *s == '#')
            continue;
        const char *eq = memchr(s, '=', (size_t)(end - s));
        const char *kend = eq ? eq : end;
        const char *k = trim(s, &kend);
        if (!eq || k == kend)
            return error_set(e, ERR_INVALID, "config",
                             "Tệp cấu hình %s, dòng %u: không đọc được dòng '%.*s' (cần dạng "
                             "'khóa = giá trị', ghi chú bắt đầu bằng #)",
                             path, line, (int)((end - s) > 80 ? 80 : (end - s)), s);
        int klen = (int)(kend - k);
        const struct config_key *key = find_key(keys, k, (size_t)(kend - k));
        if (!key) {
            char names[256];
            key_names(keys, names, sizeof names);
            return error_set(e, ERR_INVALID, "config",
                             "Tệp cấu hình %s, dòng %u: không có khóa '%.*s' (các khóa: %s)",
                             path, line, klen > 60 ? 60 : klen, k, names);
        }
        const char *vend = end;
        const char *v = trim(eq + 1, &vend);
        if (v == vend)
            return error_set(e, ERR_INVALID, "config",
                             "Tệp cấu hình %s, dòng %u: khóa '%s' không có giá trị", path, line,
                             key->name);
        for (size_t i = 0; i < cfg.n; i++)
            if (cfg.entries[i].key == key->name)
                return error_set(e, ERR_INVALID, "config",
                                 "Tệp cấu hình %s, dòng %u: khóa '%s' đã có ở dòng %u", path,
                                 line, key->name, cfg.entries[i].line);
        if (cfg.n >= CONFIG_MAX_ENTRIES) /* cannot happen with distinct keys of a short table */
            return error_set(e, ERR_INVALID, "config", "Tệp cấu hình %s: quá nhiều khóa", path);
        char *value = arena_strndup(a, v, (size_t)(vend - v));
        const char *stored = value;
        int vlen = (int)(vend - v) > 60 ? 60 : (int)(vend - v);
        if (key->type == CONFIG_COUNT && !count_ok(value, key->min, key->max))
            return error_set(e, ERR_INVALID, "config",
                             "Tệp cấu hình %s, dòng %u: khóa '%s' phải là số từ %lu đến %lu, "
                             "không phải '%.*s'",
                             path, line, key->name, key->min, key->max, vlen, value);
        if (key->type == CONFIG_FLAG && !flag_value(value, &stored))
            return error_set(e, ERR_INVALID, "config",
                             "Tệp cấu hình %s, dòng %u: khóa '%s' phải là yes hoặc no, không "
                             "phải '%.*s'",
                             path, line, key->name, vlen, value);
        cfg.entries[cfg.n++] = (struct config_entry){key->name, stored, line};
    }
    *out = cfg;
    return ERR_OK;
}

int config_read(const char *path, const struct config_key *keys, struct arena *a,
                struct config *out, struct error *e)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_INVALID, "config",
                         "Không mở được tệp cấu hình %s: %s", path,
                         errno == ENOENT ? "không có tệp này"
                         : errno == EACCES ? "không có quyền đọc"
                                           : strerror(errno));
    /* From the heap, freed here: the values are copied into the arena, and the server
     * keeps its arena for as long as it runs. */
    size_t n = 0, cap = 4096;
    char *buf = xmalloc(cap);
    for (;;) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || cap > CONFIG_FILE_MAX)
            break;
        cap *= 2;
        buf = xrealloc(buf, cap);
    }
    int bad = ferror(f);
    fclose(f);
    int rc;
    if (bad)
        rc = error_set(e, ERR_INVALID, "config", "Không đọc được tệp cấu hình %s", path);
    else if (n > CONFIG_FILE_MAX)
        rc = error_set(e, ERR_TOO_BIG, "config", "Tệp cấu hình %s lớn quá %u byte", path,
                       CONFIG_FILE_MAX);
    else
        rc = config_parse(arena_strdup(a, path), buf, n, keys, a, out, e);
    free(buf);
    return rc;
}

const char *config_get(const struct config *cfg, const char *key)
{
    for (size_t i = 0; i < cfg->n; i++)
        if (strcmp(cfg->entries[i].key, key) == 0)
            return cfg->entries[i].value;
    return NULL;
}

/* As cli.c matches them: a stored name may be "name=value" as typed. */
static bool arg_is(const char *stored, const char *name)
{
    size_t len = strlen(name);
    return strncmp(stored, name, len) == 0 && (stored[len] == '\0' || stored[len] == '=');
}

static bool args_have(const struct cli_args *args, const char *name)
{
    for (size_t i = 0; i < args->n; i++)
        if (arg_is(args->names[i], name))
            return true;
    return false;
}

int serve_config_apply(struct cli_args *args, struct arena *a, struct error *e)
{
    const char *path = NULL;
    for (size_t i = 0; i < args->n; i++)
        if (arg_is(args->names[i], "config"))
            path = args->values[i];
    if (!path) {
        FILE *f = fopen(CONFIG_DEFAULT_PATH, "rb");
        if (!f && errno == ENOENT)
            return ERR_OK; /* no file where the package puts it: options and defaults only */
        if (f)
            fclose(f);
        path = CONFIG_DEFAULT_PATH;
    }
    struct config cfg;
    int rc = config_read(path, serve_config_keys, a, &cfg, e);
    if (rc)
        return rc;
    const char *env_db = getenv("GIAOBAN_DB");
    struct cli_args merged = *args;
    for (size_t i = 0; i < cfg.n; i++) {
        const struct config_entry *en = &cfg.entries[i];
        if (args_have(args, en->key))
            continue;
        if (strcmp(en->key, "db") == 0 && env_db && *env_db)
            continue;
        bool flag = find_key(serve_config_keys, en->key, strlen(en->key))->type == CONFIG_FLAG;
        if (flag && strcmp(en->value, "no") == 0)
            continue;
        if (merged.n >= CLI_MAX_OPTS)
            return error_set(e, ERR_INVALID, "config", "Quá nhiều tùy chọn");
        merged.names[merged.n] = en->key;
        merged.values[merged.n] = flag ? NULL : en->value;
        merged.n++;
    }
    *args = merged;
    return ERR_OK;
}
