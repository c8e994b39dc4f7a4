/*
 * fuzz/fuzz_extract.c - libFuzzer harness for the conclusion-notice extractor.
 *
 * Any bytes must give an answer or a clear error, never a crash, a leak or
 * undefined behaviour. The first byte picks the options (a meeting date or
 * none, a unit directory or none); every span of every proposal must lie
 * inside the text read. Build: make fuzz; run: build/fuzz/fuzz_extract
 * -max_total_time=60 fuzz/corpus (tests/run.sh does, when clang has libFuzzer).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "extract/extract.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct extract_dir *dir;

static void check_span(const struct extract_result *r, struct extract_span s)
{
    if (s.start + s.len > r->text_len)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir) {
        static const char *al[] = {"Phòng Tài chính Kế hoạch Cửa Lò", NULL};
        static const struct extract_unit u[] = {
            {1, "Ủy ban nhân dân thị xã Cửa Lò", "UBND thị xã Cửa Lò", NULL, "huyen"},
            {2, "Phòng Tài chính - Kế hoạch thị xã Cửa Lò", "Phòng TC-KH", al, "phong"},
            {3, "Phòng Tài nguyên và Môi trường thị xã Cửa Lò", "Phòng TN&MT", NULL, "phong"},
            {4, "Ủy ban nhân dân phường Nghi Thu", "UBND phường Nghi Thu", NULL, "xa"},
        };
        dir = extract_dir_new(u, 4, 1);
    }
    uint8_t opts = size ? data[0] : 0;
    if (size) {
        data++;
        size--;
    }
    day_num meeting = (opts & 1) ? day_from_ymd(2020, 9, 7) : DAY_NONE;
    struct arena a = ARENA_INIT;
    struct error e = ERROR_INIT;
    struct extract_result r;
    if (extract_tasks(&a, (const char *)data, size, meeting, (opts & 2) ? dir : NULL, &r, &e) ==
        ERR_OK) {
        for (size_t i = 0; i < r.n_tasks; i++) {
            const struct extract_task *t = &r.tasks[i];
            check_span(&r, t->content_span);
            check_span(&r, t->lead_span);
            check_span(&r, t->deadline_span);
            for (size_t k = 0; k < t->n_coordinating; k++)
                check_span(&r, t->coordinating_spans[k]);
            if (!t->content || t->confidence < 0 || t->confidence > 1)
                abort();
        }
    } else if (!e.message[0]) {
        abort(); /* an error must say what is wrong */
    }
    arena_release(&a);
    return 0;
}
