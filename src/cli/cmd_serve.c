/*
 * cli/cmd_serve.c - `giaoban serve`: run the HTTP API (http/server.h).
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/config.h"
#include "http/server.h"

static int parse_count(const char *text, const char *field, unsigned long min, unsigned long max,
                       unsigned long *out, struct error *e)
{
    char *end;
    unsigned long v = strtoul(text, &end, 10);
    if (!*text || *end || *text == '-' || v < min || v > max)
        return error_set(e, ERR_INVALID, field, "--%s phải là số từ %lu đến %lu", field, min,
                         max);
    *out = v;
    return ERR_OK;
}

static int serve_cmd(struct cli *c, struct error *e)
{
    /* --config FILE, or /etc/giaoban/giaoban.conf when it exists: its keys fill in the
     * options the command line did not give (cli/config.h); a bad file starts nothing. */
    if (serve_config_apply(&c->args, c->app.a, e))
        return e->code;
    struct server_config cfg = {.listen = opt(c, "listen") ? opt(c, "listen") : "127.0.0.1:8080",
                                .secure_cookie = opt_flag(c, "secure-cookie"),
                                .trust_proxy = opt_flag(c, "trust-proxy"),
                                .today = DAY_NONE};
    cfg.db_url = opt(c, "db") ? opt(c, "db") : getenv("GIAOBAN_DB");
    if (!cfg.db_url || !*cfg.db_url)
        cfg.db_url = "giaoban.db";
    unsigned long v;
    int rc;
    if (opt(c, "threads")) {
        if ((rc = parse_count(opt(c, "threads"), "threads", 1, 256, &v, e)))
            return rc;
        cfg.threads = (unsigned)v;
    }
    if (opt(c, "max-body")) {
        if ((rc = parse_count(opt(c, "max-body"), "max-body", 1, 64ul << 20, &v, e)))
            return rc;
        cfg.max_body = v;
    }
    if (opt(c, "timeout")) {
        if ((rc = parse_count(opt(c, "timeout"), "timeout", 1, 3600, &v, e)))
            return rc;
        cfg.timeout = (unsigned)v;
    }
    /* Answers to repeated reads (a unit's page of tasks, a summary) kept until their tasks
     * change: 8 MiB holds some 250 pages of 50, or a province's dashboard summary and 200. */
    unsigned long cache = 8;
    if (opt(c, "cache") && (rc = parse_count(opt(c, "cache"), "cache", 0, 4096, &cache, e)))
        return rc;
    cfg.cache_bytes = (size_t)cache << 20;
    /* The access log: one JSON line per request on stderr (docs/DEPLOY.md), or none. */
    const char *log = opt(c, "log");
    if (log && strcmp(log, "none") == 0)
        cfg.log_none = true;
    else if (log && strcmp(log, "json") != 0)
        return error_set(e, ERR_INVALID, "log", "--log phải là json hoặc none");
    cfg.metrics_public = opt_flag(c, "metrics-public");
    const char *today = getenv("GIAOBAN_TODAY");
    if (today && *today && (rc = day_parse(today, 0, &cfg.today, "GIAOBAN_TODAY", e)))
        return rc;
    /* The database's share of memory (page cache, no file mapping: store.h), split between
     * the pool threads' connections and the one all writes share. Since lists read ids from
     * the indexes first, 32 MiB serves a province's 1 GB database about as fast as 1 GiB
     * did (the kernel's cache holds the file), and with the answer cache and two reports
     * in the making keeps the server under 100 MiB (docs/PERFORMANCE.md); a big server may
     * give more. */
    unsigned long memory = 32;
    if (opt(c, "memory") && (rc = parse_count(opt(c, "memory"), "memory", 1, 65536, &memory, e)))
        return rc;
    unsigned connections = (cfg.threads ? cfg.threads : SERVER_THREADS_DEFAULT) + 1;
    /* Many clerks writing at once share each sync of the disk (group commit: SQLite; each
     * still answers only once its write is on disk). */
    app_tune_connections(((size_t)memory << 20) / connections, true);
    /* Each request frees its arena; without this, glibc hands the pages back to the kernel
     * (madvise) and faults them in again on the next request, a tenth of the time under load.
     * Up to 4 MB of free heap is kept per malloc arena, and two arenas serve all threads: with
     * one per thread, each kept its own free megabytes after a big report, 30 MB more in all. */
    mallopt(M_TRIM_THRESHOLD, 4 << 20);
    mallopt(M_ARENA_MAX, 2);
    /* Likewise a dashboard summary's megabyte of JSON: from the heap, reused by the next one,
     * not a fresh mapping faulted in page by page and unmapped again. A full province summary
     * (5 MB) is mapped and given back when sent. */
    mallopt(M_MMAP_THRESHOLD, 4 << 20);
    return server_run(&cfg, e);
}

const struct command serve_commands[] = {
    {"serve", NULL, serve_cmd, "config=,db=,listen=,threads=,max-body=,timeout=,memory=,cache=,log=,secure-cookie,trust-proxy,metrics-public", 0,
     "giaoban serve [--config TỆP] [--db URL] [--listen 127.0.0.1:8080] [--threads 4] [--max-body 1048576] "
     "[--timeout 30] [--memory 32] [--cache 8] [--log json|none] [--secure-cookie] [--trust-proxy] "
     "[--metrics-public]\nChạy máy chủ "
     "API JSON (/api/v1) và trang web (không có --db: biến GIAOBAN_DB, khóa db của tệp cấu hình, "
     "hoặc ./giaoban.db). --config: tệp cấu hình dạng 'khóa = giá trị', khóa là tên các tùy chọn "
     "(mặc định /etc/giaoban/giaoban.conf nếu có); tùy chọn trên dòng lệnh được ưu tiên. --memory: số MiB bộ nhớ đệm cơ sở dữ liệu (SQLite) cho cả máy "
     "chủ. --cache: số MiB giữ sẵn các câu trả lời hay được hỏi lại (0: không giữ). "
     "--secure-cookie khi phục vụ qua HTTPS; --trust-proxy khi đứng sau reverse proxy (lấy địa "
     "chỉ người dùng từ X-Forwarded-For). --log: json (mặc định, mỗi yêu cầu một dòng JSON trên "
     "stderr) hoặc none. /readyz cho biết cơ sở dữ liệu có trả lời không; /metrics (định dạng "
     "Prometheus) chỉ đọc được từ chính máy chủ, trừ khi có --metrics-public. Dừng bằng "
     "SIGTERM hoặc Ctrl-C.",
     false},
    {0},
};
