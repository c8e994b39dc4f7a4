/*
 * bench/bench_extract.c - how long the extractor takes over a typical notice.
 *
 *   build/bench/bench_extract [--runs N] [--corpus DIR]
 *
 * Builds a 5 KB conclusion notice from the hand-written notices of
 * tests/extract/corpus (whole lines, in file order, until 5 KB), indexes a
 * directory of 25 units as the CLI would, then times extract_tasks() over
 * the notice N times (default 5000) after a warm-up. Prints the mean, the
 * median and the 99th percentile per notice in milliseconds (wall clock),
 * the CPU time per notice (which a busy machine does not inflate), and the
 * time to index the directory once. The figures go to docs/PERFORMANCE.md.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "extract/extract.h"
#include "util/buf.h"

#define NOTICE_BYTES 5120

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* CPU time of this thread: what a loaded machine's waiting does not inflate. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Whole lines of the corpus notices until `want` bytes. */
static void build_notice(const char *dir, struct buf *out, size_t want)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "cannot open %s (run from the top of the tree)\n", dir);
        exit(1);
    }
    char *names[256];
    size_t n = 0;
    for (struct dirent *de; (de = readdir(d)) != NULL && n < 256;) {
        size_t l = strlen(de->d_name);
        if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0 && strncmp(de->d_name, "0", 1) == 0 &&
            strncmp(de->d_name, "00", 2) != 0) /* the notices, not the seed reports */
            names[n++] = strdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        FILE *f = fopen(path, "rb");
        char line[4096];
        /* The recipients block ends a notice; here the next notice follows instead. */
        while (f && fgets(line, sizeof line, f) && out->len + strlen(line) <= want &&
               strncmp(line, "Nơi nhận", strlen("Nơi nhận")) != 0)
            buf_adds(out, line);
        if (f)
            fclose(f);
        free(names[i]);
    }
}

int main(int argc, char **argv)
{
    int runs = 5000;
    const char *corpus = "tests/extract/corpus";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--runs") == 0)
            runs = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--corpus") == 0)
            corpus = argv[i + 1];
    }
    if (runs < 10)
        runs = 10;
    struct buf text = BUF_INIT(BUF_NO_LIMIT);
    build_notice(corpus, &text, NOTICE_BYTES);

    static const char *const names[][2] = {
        {"Ủy ban nhân dân thị xã Cửa Lò", "UBND thị xã Cửa Lò"},
        {"Văn phòng HĐND và UBND thị xã Cửa Lò", "Văn phòng HĐND-UBND"},
        {"Phòng Kinh tế thị xã Cửa Lò", "Phòng Kinh tế"},
        {"Phòng Tài chính - Kế hoạch thị xã Cửa Lò", "Phòng TC-KH"},
        {"Phòng Tài nguyên và Môi trường thị xã Cửa Lò", "Phòng TN&MT"},
        {"Phòng Quản lý đô thị thị xã Cửa Lò", "Phòng QLĐT"},
        {"Phòng Giáo dục và Đào tạo thị xã Cửa Lò", "Phòng GD&ĐT"},
        {"Phòng Văn hóa và Thông tin thị xã Cửa Lò", "Phòng VH-TT"},
        {"Phòng Y tế thị xã Cửa Lò", "Phòng Y tế"},
        {"Phòng Lao động - Thương binh và Xã hội thị xã Cửa Lò", "Phòng LĐ-TB&XH"},
        {"Phòng Nội vụ thị xã Cửa Lò", "Phòng Nội vụ"},
        {"Phòng Tư pháp thị xã Cửa Lò", "Phòng Tư pháp"},
        {"Thanh tra thị xã Cửa Lò", "Thanh tra thị xã"},
        {"Ban Quản lý dự án đầu tư xây dựng thị xã Cửa Lò", "Ban QLDA"},
        {"Trung tâm Phát triển quỹ đất thị xã Cửa Lò", "Trung tâm PTQĐ"},
        {"Chi cục Thuế thị xã Cửa Lò", "Chi cục Thuế"},
        {"Công an thị xã Cửa Lò", "Công an thị xã"},
        {"Ban Chỉ huy Quân sự thị xã Cửa Lò", "Ban CHQS thị xã"},
        {"Ủy ban nhân dân phường Nghi Thu", "UBND phường Nghi Thu"},
        {"Ủy ban nhân dân phường Nghi Hương", "UBND phường Nghi Hương"},
        {"Ủy ban nhân dân phường Nghi Hòa", "UBND phường Nghi Hòa"},
        {"Ủy ban nhân dân phường Nghi Hải", "UBND phường Nghi Hải"},
        {"Ủy ban nhân dân phường Nghi Thủy", "UBND phường Nghi Thủy"},
        {"Ủy ban nhân dân phường Nghi Tân", "UBND phường Nghi Tân"},
        {"Ủy ban nhân dân phường Thu Thủy", "UBND phường Thu Thủy"},
    };
    size_t n_units = sizeof names / sizeof names[0];
    struct extract_unit units[sizeof names / sizeof names[0]];
    for (size_t i = 0; i < n_units; i++)
        units[i] = (struct extract_unit){(int64_t)i + 1, names[i][0], names[i][1], NULL, "?"};

    double t0 = now_ms();
    struct extract_dir *dir = extract_dir_new(units, n_units, 1);
    double dir_ms = now_ms() - t0;

    day_num meeting = day_from_ymd(2020, 9, 7);
    struct error e = ERROR_INIT;
    size_t n_tasks = 0;
    for (int i = 0; i < 50; i++) { /* warm-up: lexicon loaded, caches and pages hot */
        struct arena a = ARENA_INIT;
        struct extract_result r;
        if (extract_tasks(&a, text.data, text.len, meeting, dir, &r, &e)) {
            fprintf(stderr, "extract failed: %s\n", e.message);
            return 1;
        }
        n_tasks = r.n_tasks;
        arena_release(&a);
    }
    double *ms = malloc((size_t)runs * sizeof *ms);
    double total = 0, cpu0 = cpu_ms();
    for (int i = 0; i < runs; i++) {
        struct arena a = ARENA_INIT;
        struct extract_result r;
        double s = now_ms();
        extract_tasks(&a, text.data, text.len, meeting, dir, &r, &e);
        arena_release(&a);
        ms[i] = now_ms() - s;
        total += ms[i];
    }
    double cpu = (cpu_ms() - cpu0) / runs;
    qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
    printf("notice: %zu bytes, %zu tasks proposed; directory: %zu units indexed in %.3f ms\n",
           text.len, n_tasks, n_units, dir_ms);
    printf("extract_tasks over %d runs: mean %.3f ms, median %.3f ms, p99 %.3f ms, max %.3f ms\n",
           runs, total / runs, ms[runs / 2], ms[runs * 99 / 100], ms[runs - 1]);
    printf("cpu time per notice: %.3f ms\n", cpu);
    free(ms);
    buf_release(&text);
    extract_dir_free(dir);
    return 0;
}
