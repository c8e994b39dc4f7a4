/*
 * cli/cli.c - argument parsing and output helpers for the commands. See cli.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "text/normalize.h"
#include "util/num.h"

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

/* `s` as a message may show it: valid UTF-8 without control characters, else "?". */
static const char *shown(const char *s)
{
    size_t len = strlen(s);
    return text_valid_utf8(s, len) && text_find_control(s, len, false) < 0 ? s : "?";
}

/* How many bytes of `s` fit in `max` without cutting a UTF-8 character. */
static int fit(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return (int)n;
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return (int)max;
}

/* Is argv word `a` an option ("--unit", "--", "-o", "-h") rather than a value or a word?
 * "-5", "-" and "-- ghi chú" are not. */
static bool looks_like_option(const char *a)
{
    if (a[0] != '-')
        return false;
    if (a[1] == '-')
        return a[2] == '\0' || (a[2] >= 'a' && a[2] <= 'z') || (a[2] >= 'A' && a[2] <= 'Z') ||
               (a[2] >= '0' && a[2] <= '9');
    return (a[1] == 'o' || a[1] == 'h') && a[2] == '\0';
}

/* argv[at] is a word more than the command takes. When it continues the value of the
 * option `name` (argv[value_at] or, attached, `value`), the message shows that value
 * quoted with the words that follow it: --content "Khai thông kênh". */
static int leftover(char **argv, int argc, int at, int words, const char *name, size_t len,
                    const char *value, int value_at, struct error *e)
{
    const char *w = shown(argv[at]);
    if (!name) {
        if (words == 0)
            return error_set(e, ERR_INVALID, "", "Thừa tham số: '%.*s' (lệnh này không nhận "
                             "tham số nào ngoài các tùy chọn; xem --help)", fit(w, 60), w);
        return error_set(e, ERR_INVALID, "", "Thừa tham số: '%.*s' (lệnh này chỉ nhận %d tham "
                         "số; giá trị có dấu cách phải đặt trong dấu nháy)", fit(w, 60), w,
                         words);
    }
    char joined[160];
    size_t n = 0; /* at most sizeof joined - 5: room for " ..." and the NUL */
    for (int k = value_at; k < argc && (k == value_at || !looks_like_option(argv[k])); k++) {
        const char *part = shown(k == value_at ? value : argv[k]);
        const char *sep = k == value_at ? "" : " ";
        long room = (long)sizeof joined - 5 - (long)n - (long)strlen(sep);
        int take = fit(part, room > 0 ? (size_t)room : 0);
        bool cut = take < (int)strlen(part);
        n += (size_t)snprintf(joined + n, sizeof joined - n, "%s%.*s%s", sep, take, part,
                              cut ? "..." : "");
        if (cut)
            break;
    }
    return error_set(e, ERR_INVALID, "", "Thừa tham số: '%.*s' (giá trị có dấu cách phải đặt "
                     "trong dấu nháy: --%.*s \"%s\")", fit(w, 60), w, (int)len, name, joined);
}

int cli_parse(struct cli_args *args, int argc, char **argv, const char *spec, int words,
              struct error *e)
{
    memset(args, 0, sizeof *args);
    bool options = true; /* until "--" */
    /* The option whose value the last words continue, for the message on a word too many. */
    const char *run_name = NULL, *run_value = NULL;
    size_t run_len = 0;
    int run_at = -1;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (options && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
            args->help = true;
            run_name = NULL;
            continue;
        }
        if (options && strcmp(a, "--") == 0) {
            options = false;
            run_name = NULL;
            continue;
        }
        if (!options || !looks_like_option(a)) {
            int limit = words == CLI_WORDS_ANY ? CLI_MAX_POS : words;
            if ((int)args->n_pos >= limit) {
                if (words != CLI_WORDS_ANY)
                    return leftover(argv, argc, i, words, run_name, run_len, run_value, run_at,
                                    e);
                return error_set(e, ERR_INVALID, "", "Quá nhiều tham số (tối đa %d)",
                                 CLI_MAX_POS);
            }
            args->pos[args->n_pos++] = a;
            continue;
        }
        bool short_output = strcmp(a, "-o") == 0;
        if (short_output && spec_kind(spec, "output", 6) != 2)
            return error_set(e, ERR_INVALID, "o", "Tùy chọn không hợp lệ: -o");
        const char *name = short_output ? "output" : a + 2;
        const char *eq = short_output ? NULL : strchr(name, '=');
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        /* How the message calls it: as it was typed. */
        const char *said = short_output ? "-o" : a;
        int said_len = short_output ? 2 : (int)len + 2;
        int kind = spec_kind(spec, name, len);
        char field[48]; /* the option's name, for e->field */
        snprintf(field, sizeof field, "%.*s", (int)len, name);
        if (!kind) {
            char typed[64];
            snprintf(typed, sizeof typed, "%.*s", fit(name, len < 63 ? len : 63), name);
            return error_set(e, ERR_INVALID, shown(typed), "Tùy chọn không hợp lệ: --%s",
                             shown(typed));
        }
        if (args->n >= CLI_MAX_OPTS)
            return error_set(e, ERR_INVALID, "", "Quá nhiều tùy chọn");
        const char *value = NULL;
        run_name = NULL;
        if (kind >= 2) {
            if (eq) {
                value = eq + 1;
            } else if (i + 1 < argc && !looks_like_option(argv[i + 1])) {
                value = argv[++i];
            } else if (i + 1 < argc) {
                /* "--content --unit X" is a forgotten value, not the content "--unit". */
                const char *next = shown(argv[i + 1]);
                return error_set(e, ERR_INVALID, field,
                                 "Tùy chọn %.*s cần một giá trị (trước %.*s; giá trị bắt đầu "
                                 "bằng dấu - thì viết %.*s=GIÁ_TRỊ)",
                                 said_len, said, fit(next, 40), next, said_len, said);
            } else {
                return error_set(e, ERR_INVALID, field, "Tùy chọn %.*s cần một giá trị", said_len,
                                 said);
            }
            run_name = name;
            run_len = len;
            run_value = value;
            run_at = i; /* the word that holds the value */
        } else if (eq) {
            return error_set(e, ERR_INVALID, field, "Tùy chọn --%s không nhận giá trị", field);
        }
        /* An empty value never silently means "none": where none is a choice it is said
         * (`--deadline none`). */
        if (value && !*value)
            return error_set(e, ERR_INVALID, field,
                             "Tùy chọn %.*s không được để trống (bỏ tùy chọn nếu không dùng)",
                             said_len, said);
        if (kind == 2)
            for (size_t k = 0; k < args->n; k++)
                if (strncmp(args->names[k], name, len) == 0 &&
                    (args->names[k][len] == '\0' || args->names[k][len] == '='))
                    return error_set(e, ERR_INVALID, field,
                                     "Tùy chọn %.*s chỉ được dùng một lần", said_len, said);
        args->names[args->n] = name;
        args->values[args->n] = value;
        args->n++;
    }
    return ERR_OK;
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
    int64_t v;
    if (!num_parse_u63z(s, &v) || v <= 0)
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

void print_message(FILE *out, const char *m)
{
    for (const unsigned char *p = (const unsigned char *)m; *p; p++) {
        if ((*p < 0x20 && *p != '\n') || *p == 0x7f) {
            fputc('?', out);
        } else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
            fputc('?', out);
            p++;
        } else {
            fputc(*p, out);
        }
    }
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
