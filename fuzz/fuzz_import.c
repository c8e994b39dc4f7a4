/*
 * fuzz/fuzz_import.c - libFuzzer harness: the CSV and XLSX imports
 * (app/briefing.h: app_dossier_import_csv, app_indicator_import_csv,
 * app_indicator_import_xlsx) on any bytes, against the demo database
 * (tests/app/fuzz_import.sh builds and runs it).
 *
 * At start-up: a SQLite database in a temporary directory with the demo
 * loaded (app_demo: units, indicators NSNN, BLHH, ...), kept as a pristine
 * copy; a second, read-only SQLite connection of the harness's own watches it
 * (PRAGMA data_version changes when the store's connection commits anything).
 *
 * An input: byte 0 chooses what is imported and how, the rest is the file.
 *   byte0 % 4:  0 dossier CSV, 1 indicator CSV, 2 indicator XLSX (the bytes
 *               as they are: a zip), 3 indicator XLSX made here from parts:
 *               the rest is split at each line "@@" into, in order,
 *               xl/worksheets/sheet1.xml, xl/sharedStrings.xml,
 *               xl/workbook.xml and xl/_rels/workbook.xml.rels (the parts
 *               given), stored in a zip written here (method 0, right CRCs),
 *               so that the fuzzer mutates the XML the reader parses and not
 *               only deflate streams;
 *   (byte0 / 4) % 4:  the import's default unit: NULL, "NA.CL", "QN.MC",
 *               "khong-co-don-vi" (unknown).
 *
 * The oracle (abort() when it fails):
 *   - no crash, no undefined behaviour, no leak (ASan, per input);
 *   - the answer is ERR_OK, ERR_INVALID or ERR_TOO_BIG, never ERR_STORE or
 *     ERR_INTERNAL, with a non-empty message and, for ERR_OK, no bad row and
 *     every row read written (`imported` == `rows`), and when some of them
 *     are not `unchanged`, the database's data_version moved;
 *   - a refused import wrote nothing: `imported` is 0 and the database's
 *     data_version did not move;
 *   - every problem listed has a message (in valid UTF-8: a known fault of
 *     the date and number parsers, which quote the text cut by bytes ('%.40s'),
 *     maybe inside a character, is printed once as "fuzz_import: NOTE ..."
 *     and not counted; FUZZ_IMPORT_STRICT=1 makes it abort; the same for the
 *     refusal's own message, which util/error.c cuts at 512 bytes, maybe inside
 *     a character: a header line of many long names), at most
 *     IMPORT_MAX_PROBLEMS are listed and no more than n_bad (plus one for the
 *     file as a whole); the progress callback never says more done than total.
 * Faults it found in app/xlsx_read.c, now fixed, their inputs kept in
 * fuzz/regression_import/: a sheet's <row r="N"> with a huge N had the reader write N empty
 * lines first (xlsx_row_huge: now the file is refused, beyond Excel's 1048576 rows); a cell
 * reference of many letters overflowed a long in col_of() (ubsan_xlsx_col_of).
 * After an import that wrote, the database is put back from the pristine copy,
 * so each input meets the same demo.
 *
 * FUZZ_IMPORT_VERBOSE=1 prints each import's outcome.
 * FUZZ_IMPORT_SEEDS=DIR: write the XLSX seeds (made with libxlsxwriter) into
 * DIR and exit (fuzz/corpus_import/ holds them, made so).
 */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zlib.h>

#include "app/app.h"
#include "app/briefing.h"
#include "text/normalize.h"
#include "util/arena.h"
#include "util/buf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define TODAY_Y 2021
#define TODAY_M 3
#define TODAY_D 15

static struct store *store;
static sqlite3 *watch;
static int soon_days = 3;
static char dir[] = "/tmp/giaoban-fuzz-import.XXXXXX";
static char db_path[256], pristine_path[256];

static void remove_db(void)
{
    char p[300];
    static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < 4; i++) {
        snprintf(p, sizeof p, "%s%s", db_path, suffix[i]);
        unlink(p);
    }
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    if (!in || !out) {
        fprintf(stderr, "fuzz_import: cannot copy %s to %s\n", from, to);
        abort();
    }
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n)
            abort();
    fclose(in);
    if (fclose(out))
        abort();
}

static void open_db(void)
{
    struct error e = ERROR_INIT;
    if (store_open(db_path, &store, &e)) {
        fprintf(stderr, "fuzz_import: store_open: %s\n", e.message);
        abort();
    }
    if (sqlite3_open_v2(db_path, &watch, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        fprintf(stderr, "fuzz_import: the watching connection: %s\n", sqlite3_errmsg(watch));
        abort();
    }
}

static void close_db(void)
{
    if (watch)
        sqlite3_close(watch);
    watch = NULL;
    if (store)
        store_close(store);
    store = NULL;
}

/* PRAGMA data_version on the harness's own connection: moves when another connection
 * (the store's) has committed a change. */
static int64_t data_version(void)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(watch, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    if (v < 0) {
        fprintf(stderr, "fuzz_import: data_version: %s\n", sqlite3_errmsg(watch));
        abort();
    }
    return v;
}

static void cleanup(void)
{
    close_db();
    remove_db();
    unlink(pristine_path);
    rmdir(dir);
}

/* ---- the XLSX seeds, written by libxlsxwriter ---- */

static void seed_xlsx(const char *path, int variant)
{
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = workbook_add_worksheet(wb, variant == 2 ? "Chỉ tiêu tháng" : "Số liệu");
    const char *head[] = {"Mã chỉ tiêu", "Đơn vị", "Năm", "Tháng", "Giá trị"};
    for (int c = 0; c < 5; c++)
        worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], NULL);
    if (variant == 0) { /* numbers as numbers */
        worksheet_write_string(ws, 1, 0, "NSNN", NULL);
        worksheet_write_string(ws, 1, 1, "QN.MC", NULL);
        worksheet_write_number(ws, 1, 2, 2021, NULL);
        worksheet_write_number(ws, 1, 3, 3, NULL);
        worksheet_write_number(ws, 1, 4, 1500000.25, NULL);
    } else if (variant == 1) { /* text, a plan row, a gap, a formula */
        worksheet_write_string(ws, 1, 0, "BLHH", NULL);
        worksheet_write_string(ws, 1, 1, "QN.MC", NULL);
        worksheet_write_string(ws, 1, 2, "2021", NULL);
        worksheet_write_string(ws, 1, 3, "KH", NULL);
        worksheet_write_string(ws, 1, 4, "4.000.000", NULL);
        worksheet_write_string(ws, 3, 0, "KDL", NULL);
        worksheet_write_string(ws, 3, 1, "QN.MC", NULL);
        worksheet_write_number(ws, 3, 2, 2021, NULL);
        worksheet_write_number(ws, 3, 3, 2, NULL);
        worksheet_write_formula_num(ws, 3, 4, "=1000+234", NULL, 1234);
    } else { /* a bad row among good ones, dates and booleans */
        worksheet_write_string(ws, 1, 0, "SXCN", NULL);
        worksheet_write_string(ws, 1, 1, "QN.MC", NULL);
        worksheet_write_number(ws, 1, 2, 2021, NULL);
        worksheet_write_number(ws, 1, 3, 13, NULL);
        worksheet_write_string(ws, 1, 4, "1,297,314", NULL);
        worksheet_write_string(ws, 2, 0, "XNK", NULL);
        worksheet_write_boolean(ws, 2, 1, 1, NULL);
        lxw_datetime dt = {2021, 3, 1, 0, 0, 0};
        lxw_format *f = workbook_add_format(wb);
        format_set_num_format(f, "dd/mm/yyyy");
        worksheet_write_datetime(ws, 2, 2, &dt, f);
        worksheet_write_number(ws, 2, 3, 1, NULL);
        worksheet_write_number(ws, 2, 4, -5, NULL);
    }
    workbook_close(wb);
}

/* Write the seeds of byte0 2 (the workbook as it is) into `out`, then exit. */
static void write_seeds(const char *out)
{
    for (int v = 0; v < 3; v++) {
        char tmp[512], dst[512];
        snprintf(tmp, sizeof tmp, "%s/seed.xlsx", dir);
        snprintf(dst, sizeof dst, "%s/x_xlsxwriter_%d", out, v);
        seed_xlsx(tmp, v);
        FILE *in = fopen(tmp, "rb"), *o = fopen(dst, "wb");
        if (!in || !o)
            abort();
        fputc(v == 1 ? 2 + 4 : 2, o); /* variant 1 with the default unit "NA.CL" */
        int c;
        while ((c = fgetc(in)) != EOF)
            fputc(c, o);
        fclose(in);
        fclose(o);
        unlink(tmp);
    }
    exit(0);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!mkdtemp(dir))
        abort();
    const char *seeds = getenv("FUZZ_IMPORT_SEEDS");
    if (seeds)
        write_seeds(seeds);
    snprintf(db_path, sizeof db_path, "%s/fuzz.db", dir);
    snprintf(pristine_path, sizeof pristine_path, "%s/pristine.db", dir);
    struct error e = ERROR_INIT;
    struct arena a = ARENA_INIT;
    struct app ctx;
    if (store_open(db_path, &store, &e) ||
        app_init(&ctx, store, &a, day_from_ymd(TODAY_Y, TODAY_M, TODAY_D), "fuzz", &e) ||
        app_demo(&ctx, false, &e)) {
        fprintf(stderr, "fuzz_import: set-up failed: %s\n", e.message);
        abort();
    }
    soon_days = ctx.soon_days;
    arena_release(&a);
    store_close(store);
    store = NULL;
    copy_file(db_path, pristine_path);
    open_db();
    atexit(cleanup);
    return 0;
}

/* ---- a stored zip, written here ---- */

static void put16(struct buf *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    buf_add(b, c, 2);
}

static void put32(struct buf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    buf_add(b, c, 4);
}

struct part {
    const char *name;
    const uint8_t *data;
    size_t len;
};

static void zip_stored(struct buf *z, const struct part *parts, size_t n)
{
    uint32_t offsets[8], crcs[8];
    for (size_t i = 0; i < n; i++) {
        offsets[i] = (uint32_t)z->len;
        crcs[i] = (uint32_t)crc32(0L, parts[i].data, (uInt)parts[i].len);
        put32(z, 0x04034b50);
        put16(z, 20);
        put16(z, 0);
        put16(z, 0); /* stored */
        put16(z, 0);
        put16(z, 0x21);
        put32(z, crcs[i]);
        put32(z, (uint32_t)parts[i].len);
        put32(z, (uint32_t)parts[i].len);
        put16(z, (unsigned)strlen(parts[i].name));
        put16(z, 0);
        buf_adds(z, parts[i].name);
        buf_add(z, parts[i].data, parts[i].len);
    }
    uint32_t cd = (uint32_t)z->len;
    for (size_t i = 0; i < n; i++) {
        put32(z, 0x02014b50);
        put16(z, 20);
        put16(z, 20);
        put16(z, 0);
        put16(z, 0);
        put16(z, 0);
        put16(z, 0x21);
        put32(z, crcs[i]);
        put32(z, (uint32_t)parts[i].len);
        put32(z, (uint32_t)parts[i].len);
        put16(z, (unsigned)strlen(parts[i].name));
        put16(z, 0);
        put16(z, 0);
        put16(z, 0);
        put16(z, 0);
        put32(z, 0);
        put32(z, offsets[i]);
        buf_adds(z, parts[i].name);
    }
    uint32_t cd_len = (uint32_t)z->len - cd;
    put32(z, 0x06054b50);
    put16(z, 0);
    put16(z, 0);
    put16(z, (unsigned)n);
    put16(z, (unsigned)n);
    put32(z, cd_len);
    put32(z, cd);
    put16(z, 0);
}

/* The input's parts (split at lines "@@") as a workbook. */
static void xlsx_of_parts(const uint8_t *d, size_t n, struct buf *z)
{
    static const char *const names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                        "xl/workbook.xml", "xl/_rels/workbook.xml.rels"};
    static const char ct[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
        "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default "
        "Extension=\"xml\" ContentType=\"application/xml\"/></Types>";
    struct part parts[5];
    size_t np = 0;
    parts[np++] = (struct part){"[Content_Types].xml", (const uint8_t *)ct, sizeof ct - 1};
    size_t start = 0;
    for (size_t k = 0; k < 4 && start <= n; k++) {
        size_t end = n;
        for (size_t i = start; i + 3 <= n; i++)
            if (d[i] == '\n' && d[i + 1] == '@' && d[i + 2] == '@' &&
                (i + 3 == n || d[i + 3] == '\n')) {
                end = i;
                break;
            }
        parts[np++] = (struct part){names[k], d + start, end - start};
        if (end == n)
            break;
        start = end + 4;
    }
    zip_stored(z, parts, np);
}

/* ---- the oracle ---- */

static const char *what;

static void fail(const char *fmt, const char *detail)
{
    fprintf(stderr, "fuzz_import: %s: ", what);
    fprintf(stderr, fmt, detail ? detail : "");
    fputc('\n', stderr);
    abort();
}

/*
 * A known fault of a file this harness does not own (see the top of this file): printed once
 * per kind as "fuzz_import: NOTE ...", not counted, so that the fuzzer goes on looking for
 * crashes; with FUZZ_IMPORT_STRICT set, it aborts like any other broken property.
 */
static void note(const char *kind, const char *detail)
{
    if (getenv("FUZZ_IMPORT_STRICT"))
        fail("%s", kind);
    static char noted[16][96];
    for (size_t i = 0; i < 16; i++) {
        if (strcmp(noted[i], kind) == 0)
            return;
        if (!noted[i][0]) {
            snprintf(noted[i], sizeof noted[i], "%s", kind);
            fprintf(stderr, "fuzz_import: NOTE %s: %s: '%.300s'\n", what, kind, detail);
            return;
        }
    }
}

static void progress(void *arg, const char *phase, size_t done, size_t total)
{
    (void)arg;
    if (!phase)
        fail("progress without a phase%s", NULL);
    if (total && done > total)
        fail("progress says more done than total in phase %s", phase);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > (1u << 20))
        return 0;
    static const char *const units[] = {NULL, "NA.CL", "QN.MC", "khong-co-don-vi"};
    static const char *const kinds[] = {"dossier CSV", "indicator CSV", "indicator XLSX",
                                        "indicator XLSX from parts"};
    int kind = data[0] % 4;
    const char *unit = units[(data[0] / 4) % 4];
    what = kinds[kind];
    struct buf z = BUF_INIT(BUF_NO_LIMIT);
    const char *file = (const char *)data + 1;
    size_t len = size - 1;
    if (kind == 3) {
        xlsx_of_parts(data + 1, size - 1, &z);
        file = z.data;
        len = z.len;
    }
    /* A copy of its own, so that ASan sees a read past the end of the file's bytes. */
    char *copy = malloc(len ? len : 1);
    memcpy(copy, file, len);

    struct arena a = ARENA_INIT;
    struct app ctx = {.s = store,
                      .a = &a,
                      .soon_days = soon_days,
                      .actor = "fuzz",
                      .today = day_from_ymd(TODAY_Y, TODAY_M, TODAY_D)};
    struct import_result r;
    memset(&r, 0, sizeof r);
    struct error e = ERROR_INIT;
    int64_t before = data_version();
    int rc;
    if (kind == 0)
        rc = app_dossier_import_csv(&ctx, copy, len, unit, progress, NULL, &r, &e);
    else if (kind == 1)
        rc = app_indicator_import_csv(&ctx, copy, len, unit, progress, NULL, &r, &e);
    else
        rc = app_indicator_import_xlsx(&ctx, copy, len, unit, progress, NULL, &r, &e);
    int64_t after = data_version();
    if (getenv("FUZZ_IMPORT_VERBOSE"))
        fprintf(stderr, "fuzz_import: %s unit %s: rc %d rows %zu imported %zu bad %zu wrote %d: %s%s%s\n",
                what, unit ? unit : "-", rc, r.rows, r.imported, r.n_bad, after != before,
                e.message, r.n_problems ? " | " : "", r.n_problems ? r.problems[0].message : "");

    if (rc != ERR_OK && rc != ERR_INVALID && rc != ERR_TOO_BIG)
        fail("the import failed with another code than invalid or too big: %s", e.message);
    if (rc != ERR_OK) {
        if (!e.message[0])
            fail("a refusal without a message%s", NULL);
        if (r.imported)
            fail("a refused import says it imported rows%s", NULL);
        if (after != before)
            fail("a refused import wrote to the database: %s", e.message);
    } else {
        if (r.n_bad || r.imported != r.rows) {
            char d[128];
            snprintf(d, sizeof d, "rows %zu imported %zu bad %zu", r.rows, r.imported, r.n_bad);
            fail("an import that succeeded left rows out: %s", d);
        }
        if (r.updated + r.unchanged > r.imported)
            fail("more rows updated or unchanged than imported%s", NULL);
        if (r.imported > r.unchanged && after == before)
            fail("an import that says it wrote rows left the database as it was%s", NULL);
    }
    if (r.n_problems > IMPORT_MAX_PROBLEMS || r.n_problems > r.n_bad + 1)
        fail("too many problems listed%s", NULL);
    for (size_t i = 0; i < r.n_problems; i++) {
        const char *m = r.problems[i].message;
        if (!m || !*m)
            fail("a problem without a message%s", NULL);
        if (!text_valid_utf8(m, strlen(m)))
            note("a problem's message in invalid UTF-8 (a quote cut inside a character)", m);
    }
    if (e.message[0] && rc != ERR_OK && !text_valid_utf8(e.message, strlen(e.message)))
        note("the refusal's message in invalid UTF-8 (cut by bytes: a quote, or the 512 bytes "
             "of struct error)", e.message);

    free(copy);
    buf_release(&z);
    arena_release(&a);
    if (after != before) {
        /* It wrote: the next input meets the pristine demo again. */
        close_db();
        remove_db();
        copy_file(pristine_path, db_path);
        open_db();
    }
    return 0;
}
