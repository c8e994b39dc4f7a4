/*
 * tests/cli/test_config.c - the server's configuration file (cli/config.h):
 * what it takes, what it refuses (with the file, the line and the key named),
 * and how `giaoban serve`'s options and the file combine (the command line wins).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli/cli.h"
#include "cli/config.h"

static struct arena a = ARENA_INIT;

static int parse(const char *text, struct config *cfg, struct error *e)
{
    error_clear(e);
    return config_parse("test.conf", text, strlen(text), serve_config_keys, &a, cfg, e);
}

/* The refusal of `text`: ERR_INVALID with a message holding each of `want` (NULL-ended). */
static void refused(const char *name, const char *text, const char *const *want)
{
    struct config cfg;
    struct error e = ERROR_INIT;
    int rc = parse(text, &cfg, &e);
    char label[1024];
    snprintf(label, sizeof label, "%s: refused", name);
    CHECK_INT_EQ(label, rc, ERR_INVALID);
    for (; *want; want++) {
        snprintf(label, sizeof label, "%.100s: message names '%.100s' (%s)", name, *want,
                 e.message);
        CHECK(label, strstr(e.message, *want) != NULL);
    }
}

static void test_good_file(void)
{
    struct config cfg;
    struct error e = ERROR_INIT;
    const char *text = "# Giao Ban\n"
                       "\n"
                       "   # indented comment\n"
                       "db = postgres://giaoban:p#ss@db.internal/giaoban?sslmode=require\n"
                       "listen=10.0.0.11:8080\r\n"
                       "\tthreads =  8  \n"
                       "cache = 0\n"
                       "secure-cookie = on\n"
                       "trust-proxy = no"; /* no final newline */
    CHECK_INT_EQ("good file parses", parse(text, &cfg, &e), ERR_OK);
    CHECK_INT_EQ("six entries", (long long)cfg.n, 6);
    CHECK_STR_EQ("a '#' inside a value is kept", config_get(&cfg, "db"),
                 "postgres://giaoban:p#ss@db.internal/giaoban?sslmode=require");
    CHECK_STR_EQ("no spaces around '=' and a CR", config_get(&cfg, "listen"), "10.0.0.11:8080");
    CHECK_STR_EQ("blanks trimmed", config_get(&cfg, "threads"), "8");
    CHECK_STR_EQ("zero cache", config_get(&cfg, "cache"), "0");
    CHECK_STR_EQ("on is yes", config_get(&cfg, "secure-cookie"), "yes");
    CHECK_STR_EQ("no stays no", config_get(&cfg, "trust-proxy"), "no");
    CHECK_STR_EQ("absent key", config_get(&cfg, "memory"), NULL);
    CHECK_INT_EQ("line numbers count comments and blanks", cfg.entries[2].line, 6);

    CHECK_INT_EQ("empty file parses", parse("", &cfg, &e), ERR_OK);
    CHECK_INT_EQ("empty file: nothing", (long long)cfg.n, 0);
    CHECK_INT_EQ("comments only", parse("# a\n#b = c\n\n", &cfg, &e), ERR_OK);
    CHECK_INT_EQ("comments only: nothing", (long long)cfg.n, 0);
    CHECK_INT_EQ("limits are allowed", parse("threads = 256\nmax-body = 67108864\n", &cfg, &e),
                 ERR_OK);
}

static void test_refusals(void)
{
    refused("no '='", "db = x\nlisten 127.0.0.1:8080\n",
            (const char *const[]){"test.conf", "dòng 2", "listen 127.0.0.1:8080", NULL});
    refused("no key", "= 4\n", (const char *const[]){"test.conf", "dòng 1", NULL});
    refused("unknown key", "# x\n\nthread = 4\n",
            (const char *const[]){"test.conf", "dòng 3", "'thread'", "threads", NULL});
    refused("SMTP is not read yet", "smtp-host = mail.example.gov.vn\n",
            (const char *const[]){"dòng 1", "'smtp-host'", NULL});
    refused("empty value", "listen =   \n",
            (const char *const[]){"dòng 1", "'listen'", "không có giá trị", NULL});
    refused("not a number", "threads = four\n",
            (const char *const[]){"dòng 1", "'threads'", "1 đến 256", "'four'", NULL});
    refused("over the range", "\nthreads = 257\n",
            (const char *const[]){"dòng 2", "'threads'", "'257'", NULL});
    refused("under the range", "threads = 0\n", (const char *const[]){"'threads'", NULL});
    refused("negative", "cache = -1\n", (const char *const[]){"'cache'", "'-1'", NULL});
    refused("a sign", "cache = +1\n", (const char *const[]){"'cache'", NULL});
    refused("trailing text", "timeout = 30s\n", (const char *const[]){"'timeout'", NULL});
    refused("huge number", "memory = 99999999999999999999999\n",
            (const char *const[]){"'memory'", NULL});
    refused("bad flag", "secure-cookie = maybe\n",
            (const char *const[]){"dòng 1", "'secure-cookie'", "yes hoặc no", NULL});
    refused("twice", "threads = 4\ncache = 8\nthreads = 8\n",
            (const char *const[]){"dòng 3", "'threads'", "dòng 1", NULL});
    refused("a key in another case", "Threads = 4\n", (const char *const[]){"'Threads'", NULL});
    char *long_line = malloc(CONFIG_LINE_MAX + 20);
    memset(long_line, 'x', CONFIG_LINE_MAX + 10);
    memcpy(long_line, "db = ", 5);
    long_line[CONFIG_LINE_MAX + 10] = '\0';
    refused("long line", long_line, (const char *const[]){"dòng 1", NULL});
    free(long_line);

    struct config cfg;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("a NUL is refused",
                 config_parse("test.conf", "db = a\0b\n", 9, serve_config_keys, &a, &cfg, &e),
                 ERR_INVALID);
}

static void test_read(const char *dir)
{
    char path[512];
    struct config cfg;
    struct error e = ERROR_INIT;
    snprintf(path, sizeof path, "%s/test-config-missing.conf", dir);
    CHECK_INT_EQ("missing file", config_read(path, serve_config_keys, &a, &cfg, &e),
                 ERR_NOT_FOUND);
    CHECK("missing file named", strstr(e.message, path) != NULL);
    snprintf(path, sizeof path, "%s/test-config-%ld.conf", dir, (long)getpid());
    FILE *f = fopen(path, "w");
    if (!CHECK("temp file", f != NULL))
        return;
    fputs("listen = 127.0.0.1:9\ncache = 2\n", f);
    fclose(f);
    error_clear(&e);
    CHECK_INT_EQ("read file", config_read(path, serve_config_keys, &a, &cfg, &e), ERR_OK);
    CHECK_STR_EQ("read value", config_get(&cfg, "cache"), "2");
    CHECK_STR_EQ("path kept", cfg.path, path);
    /* Over the limit: refused, however it is read (the buffer grows past the limit). */
    f = fopen(path, "w");
    if (CHECK("big file", f != NULL)) {
        for (unsigned i = 0; i < CONFIG_FILE_MAX / 8 + 2; i++)
            fputs("#comment\n", f);
        fclose(f);
        CHECK_INT_EQ("big file refused", config_read(path, serve_config_keys, &a, &cfg, &e),
                     ERR_TOO_BIG);
    }
    /* Just under it: read whole, its last line counted. */
    f = fopen(path, "w");
    if (CHECK("long file", f != NULL)) {
        for (unsigned i = 0; i < 20000; i++)
            fputs("# comment line\n", f);
        fputs("threads = 3\n", f);
        fclose(f);
        error_clear(&e);
        CHECK_INT_EQ("long file read", config_read(path, serve_config_keys, &a, &cfg, &e),
                     ERR_OK);
        CHECK_STR_EQ("long file: the last line", config_get(&cfg, "threads"), "3");
        CHECK_INT_EQ("long file: its number", cfg.n ? cfg.entries[0].line : 0, 20001);
    }
    unlink(path);
}

static size_t find_arg(const struct cli_args *args, const char *name)
{
    for (size_t i = 0; i < args->n; i++)
        if (strcmp(args->names[i], name) == 0)
            return i;
    return (size_t)-1;
}

static void test_apply(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/test-config-apply-%ld.conf", dir, (long)getpid());
    FILE *f = fopen(path, "w");
    if (!CHECK("apply: temp file", f != NULL))
        return;
    fputs("db = /var/lib/giaoban/giaoban.db\nlisten = 0.0.0.0:80\nthreads = 8\n"
          "secure-cookie = yes\ntrust-proxy = no\n",
          f);
    fclose(f);

    struct cli_args args = {0};
    args.names[args.n] = "config";
    args.values[args.n++] = path;
    args.names[args.n] = "listen";
    args.values[args.n++] = "127.0.0.1:8080";
    struct error e = ERROR_INIT;
    unsetenv("GIAOBAN_DB");
    CHECK_INT_EQ("apply", serve_config_apply(&args, &a, &e), ERR_OK);
    size_t i = find_arg(&args, "listen");
    CHECK_STR_EQ("the command line wins", i != (size_t)-1 ? args.values[i] : NULL,
                 "127.0.0.1:8080");
    CHECK_INT_EQ("listen once", (long long)(find_arg(&args, "listen") == i), 1);
    i = find_arg(&args, "threads");
    CHECK_STR_EQ("the file fills the rest", i != (size_t)-1 ? args.values[i] : NULL, "8");
    i = find_arg(&args, "db");
    CHECK_STR_EQ("db from the file", i != (size_t)-1 ? args.values[i] : NULL,
                 "/var/lib/giaoban/giaoban.db");
    i = find_arg(&args, "secure-cookie");
    CHECK("a yes flag is set", i != (size_t)-1 && args.values[i] == NULL);
    CHECK("a no flag is not", find_arg(&args, "trust-proxy") == (size_t)-1);
    CHECK_INT_EQ("five options", (long long)args.n, 5);

    /* A global --db (main.c puts it in GIAOBAN_DB) or the environment wins over the file. */
    struct cli_args args2 = {0};
    args2.names[args2.n] = "config";
    args2.values[args2.n++] = path;
    setenv("GIAOBAN_DB", "other.db", 1);
    CHECK_INT_EQ("apply with GIAOBAN_DB", serve_config_apply(&args2, &a, &e), ERR_OK);
    CHECK("GIAOBAN_DB wins over the file's db", find_arg(&args2, "db") == (size_t)-1);
    unsetenv("GIAOBAN_DB");

    /* A refusal changes nothing. */
    f = fopen(path, "w");
    fputs("threads = 8\nlisten = \n", f);
    fclose(f);
    struct cli_args args3 = {0};
    args3.names[args3.n] = "config";
    args3.values[args3.n++] = path;
    CHECK_INT_EQ("bad file refused", serve_config_apply(&args3, &a, &e), ERR_INVALID);
    CHECK("bad file: names the file", strstr(e.message, path) != NULL);
    CHECK("bad file: names the line", strstr(e.message, "dòng 2") != NULL);
    CHECK_INT_EQ("bad file: args unchanged", (long long)args3.n, 1);
    unlink(path);

    /* A --config that does not exist is refused; the default is not required. */
    error_clear(&e);
    snprintf(path, sizeof path, "%s/test-config-none.conf", dir);
    struct cli_args args4 = {0};
    args4.names[args4.n] = "config";
    args4.values[args4.n++] = path;
    CHECK_INT_EQ("named file missing", serve_config_apply(&args4, &a, &e), ERR_NOT_FOUND);
}

int main(void)
{
    const char *dir = getenv("GIAOBAN_TEST_TMP");
    if (!dir || !*dir)
        dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    test_good_file();
    test_refusals();
    test_read(dir);
    test_apply(dir);
    arena_release(&a);
    return check_report();
}
