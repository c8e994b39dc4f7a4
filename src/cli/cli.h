/*
 * cli/cli.h - what the command files (cmd_*.c) share: parsed arguments,
 * the command table's entry type, and output helpers.
 *
 * A command declares its options in a spec string, "unit=,subtree,alias*":
 * `name=` takes a value, `name*` takes a value and may repeat, a bare name
 * is a flag; "-o" is short for "--output" where the spec has `output=`.
 * Anything else on the command line is a word (a positional argument: the
 * task's number, a file), and the table says how many words a command takes.
 * What the parser refuses, with exit status 2 and a message naming it: an
 * option not in the spec, an empty value (where "none" is a choice, it is said:
 * `--deadline none`), a single option given twice, a word more than the
 * command takes ("--content Khai thông kênh": quote a value with spaces).
 * "--" ends the options: what follows is words.
 */
#ifndef GB_CLI_CLI_H
#define GB_CLI_CLI_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app/app.h"

#define CLI_MAX_OPTS 64
#define CLI_MAX_POS 32
#define CLI_WORDS_ANY (-1) /* `search kenh muong`: any number of words */

struct cli_args {
    const char *names[CLI_MAX_OPTS];
    const char *values[CLI_MAX_OPTS]; /* NULL for a flag */
    size_t n;
    const char *pos[CLI_MAX_POS];
    size_t n_pos;
    bool help;
};

struct cli {
    struct app app;       /* store, arena, today */
    struct cli_args args;
    const char *usage;    /* of the running command */
};

/* Parse argv against `spec`, taking at most `words` words (CLI_WORDS_ANY: any number);
 * ERR_INVALID naming the option or word at fault (see the top of this file). */
int cli_parse(struct cli_args *args, int argc, char **argv, const char *spec, int words,
              struct error *e);
const char *opt(const struct cli *c, const char *name);   /* its value, or NULL */
bool opt_flag(const struct cli *c, const char *name);
/* All values of a repeatable option, NULL-terminated, from the arena. */
const char **opt_all(struct cli *c, const char *name);
/* The positional argument i, or ERR_INVALID saying what is missing. */
int pos_arg(const struct cli *c, size_t i, const char *what, const char **out, struct error *e);
int pos_id(const struct cli *c, size_t i, const char *what, int64_t *out, struct error *e);
/* --format: "text" (default) or "json"; ERR_INVALID otherwise. */
int want_json(const struct cli *c, bool *json, struct error *e);

/* Print a message for the clerk: as it may quote what was typed ("Ngày không hợp lệ: '...'"),
 * its control characters (C0 but the line feed, DEL, C1) are printed as '?'. */
void print_message(FILE *out, const char *m);
/* Print `j` (stolen) as indented JSON on stdout, followed by a newline. */
void print_json(json_t *j);
json_t *json_day(day_num d);  /* "2020-09-15" or null */
json_t *json_id(int64_t id);  /* the number or null for 0 */
json_t *json_str(const char *s); /* string or null */

typedef int cmd_fn(struct cli *c, struct error *e);

struct command {
    const char *name;    /* "task", "report" */
    const char *sub;     /* "add", "summary"; NULL for none */
    cmd_fn *fn;
    const char *spec;    /* options */
    int words;           /* how many words it takes at most (SỐ, TỆP...); CLI_WORDS_ANY */
    const char *usage;   /* shown by --help; names the same words */
    bool needs_db;
};

/* The tables of each command file, ended by a zeroed entry. */
extern const struct command unit_commands[];
extern const struct command meeting_commands[];
extern const struct command task_commands[];
extern const struct command report_commands[];
extern const struct command misc_commands[];
extern const struct command briefing_commands[];
extern const struct command serve_commands[];
extern const struct command account_commands[];
extern const struct command extract_commands[];
extern const struct command catalogue_commands[]; /* cmd_catalogue.c */
extern const struct command calendar_commands[];  /* cmd_calendar.c */

/* What `unit list` and `unit show` add of a unit's place in the catalogue (cmd_catalogue.c):
 * the code of unit `id` among u[0..n) (store order, by id; NULL if absent); to a unit's JSON
 * its parent's code, successors and the units merged into it; in text, those lines. */
const char *unit_code_of(const struct unit_rec *u, size_t n, int64_t id);
int unit_json_history(struct cli *c, json_t *j, const struct unit_rec *u, struct error *e);
int unit_print_history(struct cli *c, const struct unit_rec *u, struct error *e);

#endif
