/*
 * cli/main.c - `giaoban [--db URL] COMMAND [SUBCOMMAND] [OPTIONS]`.
 *
 * Dispatch by table (as git's commands[]): the tables live beside their
 * commands in cmd_*.c; this file parses the global options, finds the
 * command, parses its options against its spec, opens the store, runs it
 * and turns an error into a message and an exit status (util/error.h).
 * "Today" is the civil day in Asia/Ho_Chi_Minh; GIAOBAN_TODAY=YYYY-MM-DD
 * overrides it (tests, and reproducing a past meeting's figures).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/store.h"

static const struct command *const tables[] = {unit_commands,   meeting_commands, task_commands,
                                                report_commands, misc_commands,    serve_commands,
                                                account_commands, extract_commands,
                                                briefing_commands, catalogue_commands,
                                                calendar_commands};

static void usage_all(FILE *out)
{
    fputs("Cách dùng: giaoban [--db URL] LỆNH [LỆNH CON] [TÙY CHỌN]\n"
          "Cơ sở dữ liệu: --db, hoặc biến GIAOBAN_DB, mặc định ./giaoban.db;\n"
          "  PostgreSQL: --db postgres://user@host:port/db\n\n"
          "Các lệnh:\n",
          out);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const struct command *c = tables[t]; c->name; c++)
            fprintf(out, "  %-10s %-10s %s\n", c->name, c->sub ? c->sub : "",
                    strchr(c->usage, '\n') ? strchr(c->usage, '\n') + 1 : "");
    fputs("\nMỗi lệnh có --help. Ngày nhập dạng 15/9/2020 hoặc 2020-09-15. Giá trị có dấu cách "
          "đặt trong dấu nháy\n(--content \"Khai thông kênh\"); giá trị không để trống, mỗi tùy "
          "chọn chỉ dùng một lần (trừ\ncác tùy chọn có dấu ... trong cách dùng).\n",
          out);
}

static const struct command *find_command(const char *name, const char *sub, bool *sub_used)
{
    const struct command *only = NULL;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const struct command *c = tables[t]; c->name; c++) {
            if (strcmp(c->name, name) != 0)
                continue;
            if (!c->sub) {
                only = c;
                continue;
            }
            if (sub && strcmp(c->sub, sub) == 0) {
                *sub_used = true;
                return c;
            }
        }
    *sub_used = false;
    return only;
}

static void list_subcommands(const char *name)
{
    fprintf(stderr, "Lệnh con của '%s':", name);
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
        for (const struct command *c = tables[t]; c->name; c++)
            if (strcmp(c->name, name) == 0 && c->sub)
                fprintf(stderr, " %s", c->sub);
    fputc('\n', stderr);
}

static day_num today(struct error *e, bool *ok)
{
    const char *env = getenv("GIAOBAN_TODAY");
    *ok = true;
    if (env && *env) {
        day_num d;
        if (day_parse(env, 0, &d, "GIAOBAN_TODAY", e)) {
            *ok = false;
            return DAY_NONE;
        }
        return d;
    }
    return day_of_instant_hcm(time(NULL));
}

static int fail(const struct error *e)
{
    fputs("Lỗi: ", stderr);
    print_message(stderr, e->message[0] ? e->message : "không rõ nguyên nhân");
    fputc('\n', stderr);
    return error_exit_status(e->code ? e->code : ERR_INTERNAL);
}

int main(int argc, char **argv)
{
    const char *db = getenv("GIAOBAN_DB");
    bool db_given = false;
    int i = 1;
    for (; i < argc; i++) {
        const char *value = NULL;
        if (strcmp(argv[i], "--db") == 0) {
            if (i + 1 >= argc || strncmp(argv[i + 1], "--", 2) == 0) {
                fputs("Lỗi: Tùy chọn --db cần một giá trị (địa chỉ cơ sở dữ liệu)\n", stderr);
                return 2;
            }
            value = argv[++i];
        } else if (strncmp(argv[i], "--db=", 5) == 0) {
            value = argv[i] + 5;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0 ||
                   strcmp(argv[i], "help") == 0) {
            usage_all(stdout);
            return 0;
        } else {
            break;
        }
        /* As a command's options: never empty, given once. An empty $GIAOBAN_DB is unset. */
        if (!*value) {
            fputs("Lỗi: Tùy chọn --db không được để trống (bỏ tùy chọn để dùng biến "
                  "GIAOBAN_DB hoặc ./giaoban.db)\n", stderr);
            return 2;
        }
        if (db_given) {
            fputs("Lỗi: Tùy chọn --db chỉ được dùng một lần\n", stderr);
            return 2;
        }
        db_given = true;
        db = value;
    }
    /* `serve` opens its own connections from $GIAOBAN_DB; left unset when neither --db nor
     * the environment names a database, so that serve's configuration file may (config.h). */
    if (db && *db)
        setenv("GIAOBAN_DB", db, 1);
    else
        db = "giaoban.db";
    if (i >= argc) {
        usage_all(stderr);
        return 2;
    }
    const char *name = argv[i++];
    const char *sub = i < argc ? argv[i] : NULL;
    bool sub_used;
    const struct command *cmd = find_command(name, sub, &sub_used);
    if (!cmd) {
        bool any = false;
        for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
            for (const struct command *c = tables[t]; c->name; c++)
                any |= strcmp(c->name, name) == 0;
        if (any) {
            if (sub && (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0)) {
                list_subcommands(name);
                return 0;
            }
            if (sub)
                fprintf(stderr, "Lỗi: lệnh con '%s' không hợp lệ. ", sub);
            else
                fprintf(stderr, "Lỗi: thiếu lệnh con. ");
            list_subcommands(name);
        } else {
            fprintf(stderr, "Lỗi: không có lệnh '%s'. Xem 'giaoban --help'.\n", name);
        }
        return 2;
    }
    if (sub_used)
        i++;

    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct cli c = {.usage = cmd->usage};
    if (cli_parse(&c.args, argc - i, argv + i, cmd->spec, cmd->words, &e)) {
        int st = fail(&e);
        fprintf(stderr, "%s\n", cmd->usage);
        return st;
    }
    if (c.args.help) {
        printf("%s\n", cmd->usage);
        return 0;
    }
    if (db_given && opt(&c, "db")) { /* giaoban --db A serve --db B */
        fputs("Lỗi: Tùy chọn --db chỉ được dùng một lần\n", stderr);
        return 2;
    }
    bool ok;
    day_num d = today(&e, &ok);
    if (!ok)
        return fail(&e);
    struct store *s = NULL;
    int rc = ERR_OK;
    if (cmd->needs_db && (rc = store_open(db, &s, &e)))
        return fail(&e);
    char actor[96];
    const char *user = getenv("GIAOBAN_USER");
    if (!user)
        user = getenv("USER");
    snprintf(actor, sizeof actor, "cli:%s", user ? user : "?");
    if (s)
        rc = app_init(&c.app, s, &a, d, actor, &e);
    else {
        c.app.a = &a;
        c.app.today = d;
        c.app.actor = actor;
    }
    if (!rc)
        rc = cmd->fn(&c, &e);
    store_close(s);
    arena_release(&a);
    return rc ? fail(&e) : 0;
}
