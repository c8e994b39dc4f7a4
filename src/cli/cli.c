/*
 * cli/cli.c - argument parsing and output helpers for the commands. See cli.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/normalize.h"

/* Is `name` in `spec`, and how: 0 no, 1 flag, 2 value, 3 repeatable value. */
static int spec_kind(const char *spec, const char *name, size_t len)
{
    const char *p = spec;
    while (p && *p) {
        size_t k = strcspn(p, "=*,");
        if (k == len && strncmp(p, name, len) == 0)
            return p[k] == '=' ? 2 : p[k] == '*' ? 3 : 1;
        p = strchr(p, ',');
        if (p)
            p++;
    }
    return 0;
}

int cli_parse(struct cli_args *args, int argc, char **argv, const char *spec, struct error *e)
{
    memset(args, 0, sizeof *args);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            args->help = true;
            continue;
        }
        if (strncmp(a, "--", 2) != 0 || a[2] == '\0') {
            if (args->n_pos >= CLI_MAX_POS)
                return error_set(e, ERR_INVALID, "", "Quá nhiều tham số");
            args->pos[args->n_pos++] = a;
            continue;
        }
        const char *name = a + 2;
        const char *eq = strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        int kind = spec_kind(spec, name, len);
        if (!kind)
            return error_set(e, ERR_INVALID, name, "Tùy chọn không hợp lệ: --%.*s", (int)len,
                             text_valid_utf8(name, len) ? name : "?");
        if (args->n >= CLI_MAX_OPTS)
            return error_set(e, ERR_INVALID, "", "Quá nhiều tùy chọn");
        const char *value = NULL;
        if (kind >= 2) {
            if (eq)
                value = eq + 1;
            else if (i + 1 < argc)
                value = argv[++i];
            else
                return error_set(e, ERR_INVALID, name, "Tùy chọn --%.*s cần một giá trị",
                                 (int)len, name);
        } else if (eq) {
            return error_set(e, ERR_INVALID, name, "Tùy chọn --%.*s không nhận giá trị",
                             (int)len, name);
        }
        /* An empty value never silently means "none": where none is a choice it is said
         * (`--deadline none`). */
        if (value && !*value)
            return error_set(e, ERR_INVALID, name,
                             "Tùy chọn --%.*s không được để trống (bỏ tùy chọn nếu không dùng)",
                             (int)len, name);
        if (kind == 2)
            for (size_t k = 0; k < args->n; k++)
                if (strncmp(args->names[k], name, len) == 0 &&
                    (args->names[k][len] == '\0' || args->names[k][len] == '='))
                    return error_set(e, ERR_INVALID, name,
                                     "Tùy chọn --%.*s chỉ được dùng một lần", (int)len, name);
        args->names[args->n] = name;
        args->values[args->n] = value;
        args->n++;
    }
    return ERR_OK;
}

/* The spec's kind of an option token of a usage line ("--unit"): 0 unknown. */
static int usage_opt_kind(const char *spec, const char *tok, size_t len)
{
    return len > 2 && tok[1] == '-' ? spec_kind(spec, tok + 2, len - 2) : 0;
}

/* Positional words one alternative of a usage line names (in brackets too: optional).
 * Tokens are space-separated; brackets, parentheses and a trailing "..." of a repeated
 * option group are stripped; "a|b" is one value; a lone "|" separates alternatives. */
static int usage_positionals(const char *alt, const char *spec)
{
    int n = 0;
    bool skip_value = false;
    for (const char *p = alt; *p;) {
        while (*p == ' ')
            p++;
        size_t len = strcspn(p, " ");
        const char *t = p;
        p += len;
        size_t tl = len;
        while (tl && (*t == '[' || *t == '('))
            t++, tl--;
        bool repeated = tl >= 3 && strncmp(t + tl - 3, "...", 3) == 0;
        bool closed_before_dots = false;
        if (repeated) {
            tl -= 3;
            closed_before_dots = tl && (t[tl - 1] == ']' || t[tl - 1] == ')');
        }
        while (tl && (t[tl - 1] == ']' || t[tl - 1] == ')'))
            tl--;
        if (!tl || (tl == 1 && *t == '|'))
            continue;
        if (tl == 2 && strncmp(t, "-o", 2) == 0) {
            n += 2; /* the parser keeps "-o FILE" with the positional words */
            skip_value = true;
        } else if (*t == '-') {
            skip_value = usage_opt_kind(spec, t, tl) >= 2;
        } else if (skip_value) {
            skip_value = false;
        } else {
            if (repeated && !closed_before_dots)
                return -1; /* "TỪ_KHÓA..." takes any number */
            n++;
        }
    }
    return n;
}

int cli_max_positionals(const char *usage, const char *name, const char *sub, const char *spec)
{
    size_t line = strcspn(usage, "\n");
    char *u = strndup(usage, line);
    int most = 0;
    for (char *alt = u; alt;) {
        char *next = strstr(alt, " | giaoban ");
        if (next) {
            *next = '\0';
            next += 3;
        }
        char *p = alt;
        if (strncmp(p, "giaoban ", 8) == 0)
            p += 8;
        if (strncmp(p, "[--db URL] ", 11) == 0)
            p += 11;
        size_t k = strlen(name);
        if (strncmp(p, name, k) == 0 && (p[k] == ' ' || !p[k]))
            p += k + (p[k] == ' ');
        if (sub && (k = strlen(sub)) && strncmp(p, sub, k) == 0 && (p[k] == ' ' || !p[k]))
            p += k + (p[k] == ' ');
        int n = usage_positionals(p, spec);
        if (n < 0 || n > most)
            most = n;
        if (n < 0)
            break;
        alt = next;
    }
    free(u);
    return most;
}

static bool name_is(const char *stored, const char *name)
{
    size_t len = strlen(name);
    return strncmp(stored, name, len) == 0 && (stored[len] == '\0' || stored[len] == '=');
}

const char *opt(const struct cli *c, const char *name)
{
    const char *v = NULL;
    for (size_t i = 0; i < c->args.n; i++)
        if (name_is(c->args.names[i], name))
            v = c->args.values[i];
    return v;
}

bool opt_flag(const struct cli *c, const char *name)
{
    for (size_t i = 0; i < c->args.n; i++)
        if (name_is(c->args.names[i], name))
            return true;
    return false;
}

const char **opt_all(struct cli *c, const char *name)
{
    const char **list = arena_alloc(c->app.a, (c->args.n + 1) * sizeof *list);
    size_t k = 0;
    for (size_t i = 0; i < c->args.n; i++)
        if (name_is(c->args.names[i], name))
            list[k++] = c->args.values[i];
    list[k] = NULL;
    return list;
}

int pos_arg(const struct cli *c, size_t i, const char *what, const char **out, struct error *e)
{
    if (i >= c->args.n_pos)
        return error_set(e, ERR_INVALID, what, "Thiếu %s", what);
    *out = c->args.pos[i];
    return ERR_OK;
}

int pos_id(const struct cli *c, size_t i, const char *what, int64_t *out, struct error *e)
{
    const char *s = NULL;
    int rc = pos_arg(c, i, what, &s, e);
    if (rc)
        return rc;
    char *end;
    long long v = strtoll(s, &end, 10);
    if (*end || end == s || v <= 0)
        return error_set(e, ERR_INVALID, what, "Số hiệu không hợp lệ (%s): '%.40s'", what,
                         text_valid_utf8(s, strlen(s)) ? s : "?");
    *out = v;
    return ERR_OK;
}

int want_json(const struct cli *c, bool *json, struct error *e)
{
    const char *f = opt(c, "format");
    *json = false;
    if (!f || strcmp(f, "text") == 0)
        return ERR_OK;
    if (strcmp(f, "json") == 0) {
        *json = true;
        return ERR_OK;
    }
    return error_set(e, ERR_INVALID, "format", "Định dạng '%.20s' không hợp lệ (text hoặc json)",
                     text_valid_utf8(f, strlen(f)) ? f : "?");
}

void print_json(json_t *j)
{
    char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENSURE_ASCII * 0);
    if (s) {
        fputs(s, stdout);
        fputc('\n', stdout);
        free(s);
    }
    json_decref(j);
}

json_t *json_day(day_num d)
{
    char buf[16];
    return d == DAY_NONE ? json_null() : json_string(day_format_iso(d, buf));
}

json_t *json_id(int64_t id)
{
    return id ? json_integer(id) : json_null();
}

json_t *json_str(const char *s)
{
    return s ? json_string(s) : json_null();
}
