/*
 * fuzz/fuzz_input.c - libFuzzer harness for the parsers of untrusted text:
 * day_parse (dates as typed), text_clean and text_fold (every stored
 * string), timeline_decode (the cached history column).
 * Build: make fuzz; run: build/fuzz/fuzz_input -max_total_time=60 fuzz/corpus
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/timeline.h"
#include "text/normalize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    memcpy(s, data, size);
    s[size] = '\0';

    struct error e = ERROR_INIT;
    day_num d;
    if (day_parse(s, 2020, &d, "date", &e) == ERR_OK) {
        char out[16];
        day_num again;
        error_clear(&e);
        /* What parses must format and parse back to the same day. */
        if (day_parse(day_format_iso(d, out), 0, &again, "date", &e) != ERR_OK || again != d)
            abort();
    }

    struct arena a = ARENA_INIT;
    const char *clean;
    error_clear(&e);
    if (text_clean(&a, s, "text", 4000, true, true, &clean, &e) == ERR_OK) {
        if (!text_valid_utf8(clean, strlen(clean)))
            abort();
        text_fold(&a, clean);
        text_fold_compact(&a, clean);
    }
    arena_release(&a);

    static struct timeline t;
    t.assigned = 100;
    t.deadline = 120;
    error_clear(&e);
    if (timeline_decode(s, &t, &e) == ERR_OK) {
        struct task_dates dates;
        bool awaiting;
        timeline_dates_at(&t, 150, &dates, &awaiting);
    }
    free(s);
    return 0;
}
