/*
 * cli/config.h - the server's configuration file, /etc/giaoban/giaoban.conf.
 *
 * The format, as packaging/giaoban.conf shows it: one `key = value` a line;
 * blank lines and lines whose first non-blank character is '#' are ignored
 * (a '#' later on a line is part of the value: a PostgreSQL password may hold
 * one); spaces around the key and the value are dropped, nothing else (no
 * quotes, no escapes). The keys are the long options of `giaoban serve`
 * (db, listen, threads...), each at most once; a flag's value is yes or no.
 *
 * What is refused, with the file, the line number and the key named (in
 * Vietnamese, ERR_INVALID): a line that is not `key = value`, a key the table
 * does not list, an empty value, a number outside its range, a flag that is
 * not yes/no, a key given twice, a line over CONFIG_LINE_MAX bytes, a NUL.
 * Nothing is taken from a file that has any of these.
 */
#ifndef GB_CLI_CONFIG_H
#define GB_CLI_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/error.h"

#define CONFIG_DEFAULT_PATH "/etc/giaoban/giaoban.conf"
#define CONFIG_MAX_ENTRIES 32
#define CONFIG_LINE_MAX 4096
#define CONFIG_FILE_MAX (1u << 20)

enum config_type {
    CONFIG_TEXT,  /* any non-empty text */
    CONFIG_COUNT, /* a decimal number from min to max */
    CONFIG_FLAG,  /* yes or no (also true/false, on/off, 1/0) */
};

struct config_key {
    const char *name; /* "threads"; NULL ends a table */
    enum config_type type;
    unsigned long min, max; /* CONFIG_COUNT only */
};

struct config_entry {
    const char *key;   /* the table's name (static storage) */
    const char *value; /* trimmed, from the arena; a flag's is "yes" or "no" */
    unsigned line;     /* 1-based */
};

struct config {
    const char *path;
    struct config_entry entries[CONFIG_MAX_ENTRIES];
    size_t n;
};

/* Parse `len` bytes of `text` as the file `path` (named in messages) against
 * `keys`; on success `out` holds one entry per key given, in file order. */
int config_parse(const char *path, const char *text, size_t len, const struct config_key *keys,
                 struct arena *a, struct config *out, struct error *e);

/* Read the file and parse it. A file that cannot be opened: ERR_NOT_FOUND
 * (missing) or ERR_INVALID, naming it; one over CONFIG_FILE_MAX: ERR_TOO_BIG. */
int config_read(const char *path, const struct config_key *keys, struct arena *a,
                struct config *out, struct error *e);

/* The value of `key`, or NULL when the file did not give it. */
const char *config_get(const struct config *cfg, const char *key);

/* The keys `giaoban serve` reads: its long options (cmd_serve.c). */
extern const struct config_key serve_config_keys[];

struct cli_args;

/*
 * `giaoban serve`'s file: the one --config names, or CONFIG_DEFAULT_PATH
 * when it exists (a default that does not exist is no error). Each of its
 * keys becomes the option of that name unless the command line gave it, so
 * the command line wins; for `db` also a global `giaoban --db URL` or a
 * non-empty $GIAOBAN_DB wins. The options are checked again as options
 * afterwards. Any refusal leaves `args` unchanged.
 */
int serve_config_apply(struct cli_args *args, struct arena *a, struct error *e);

#endif
