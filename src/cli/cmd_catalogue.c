/*
 * cli/cmd_catalogue.c - `giaoban unit import-catalogue DIR`, and what `unit list` and
 * `unit show` print of a unit's place in the catalogue (its parent's code, its successors,
 * the units merged into it).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "core/vnum.h"
#include "util/buf.h"

#define CATALOGUE_FILE_MAX (64u << 20)

static int read_in(const char *dir, const char *name, struct cli *c, struct catalogue_file *f,
                   struct error *e)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path)
        return error_set(e, ERR_INVALID, "dir", "Đường dẫn thư mục quá dài");
    FILE *in = fopen(path, "rb");
    if (!in)
        return error_set(e, ERR_INVALID, "dir", "Không mở được tệp '%s' (thư mục danh mục cần "
                                                "có provinces.csv, communes.csv, merged_from.csv)",
                         path);
    struct buf b = BUF_INIT(CATALOGUE_FILE_MAX);
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        buf_add(&b, chunk, n);
    bool failed = ferror(in);
    fclose(in);
    if (b.failed || failed) {
        buf_release(&b);
        return failed ? error_set(e, ERR_INVALID, "dir", "Không đọc được tệp '%s'", path)
                      : error_set(e, ERR_TOO_BIG, "dir", "Tệp '%s' quá lớn (tối đa %u MB)", path,
                                  CATALOGUE_FILE_MAX >> 20);
    }
    f->name = name;
    f->len = b.len;
    f->data = arena_strndup(c->app.a, b.data, b.len);
    buf_release(&b);
    return ERR_OK;
}

static int import_catalogue(struct cli *c, struct error *e)
{
    bool json;
    const char *dir;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_arg(c, 0, "thư mục danh mục", &dir, e)))
        return rc;
    struct catalogue_files f;
    if ((rc = read_in(dir, "provinces.csv", c, &f.provinces, e)) ||
        (rc = read_in(dir, "communes.csv", c, &f.communes, e)) ||
        (rc = read_in(dir, "merged_from.csv", c, &f.merged_from, e)))
        return rc;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct catalogue_result r;
    if ((rc = app_catalogue_import(&c->app, &f, &r, e)))
        return rc;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    size_t changes = r.created + r.updated + r.closed;
    if (json) {
        json_t *j = json_object();
        json_object_set_new(j, "provinces", json_integer((json_int_t)r.provinces));
        json_object_set_new(j, "communes", json_integer((json_int_t)r.communes));
        json_object_set_new(j, "created", json_integer((json_int_t)r.created));
        json_object_set_new(j, "updated", json_integer((json_int_t)r.updated));
        json_object_set_new(j, "closed", json_integer((json_int_t)r.closed));
        json_object_set_new(j, "unchanged", json_integer((json_int_t)r.unchanged));
        json_object_set_new(j, "old_units", json_integer((json_int_t)r.old_codes));
        json_object_set_new(j, "old_found", json_integer((json_int_t)r.old_found));
        json_object_set_new(j, "old_skipped", json_integer((json_int_t)r.old_skipped));
        json_object_set_new(j, "changed", json_boolean(changes > 0));
        json_object_set_new(j, "ms", json_integer((json_int_t)(ms + 0.5)));
        print_json(j);
        return ERR_OK;
    }
    /* "3.321": Vietnamese groups thousands with a dot. */
    struct buf n1 = BUF_INIT(32), n2 = BUF_INIT(32);
    vnum_add(&n1, (int64_t)r.communes * 1000, 0);
    vnum_add(&n2, (int64_t)r.old_codes * 1000, 0);
    printf("Danh mục đơn vị hành chính từ 01/07/2025 (%s): %zu tỉnh, thành phố; %s xã, "
           "phường, đặc khu; %s đơn vị cũ.\n",
           dir, r.provinces, n1.data, n2.data);
    buf_release(&n1);
    buf_release(&n2);
    if (!changes) {
        printf("Không có thay đổi.\n");
    } else {
        struct buf n3 = BUF_INIT(32);
        vnum_add(&n3, (int64_t)r.created * 1000, 0);
        printf("Đã thêm %s đơn vị, cập nhật %zu, ghi nhận %zu đơn vị cũ kết thúc hoạt động "
               "ngày 01/07/2025.\n",
               n3.data, r.updated, r.closed);
        buf_release(&n3);
    }
    printf("Đơn vị cũ có trong cơ sở dữ liệu (theo mã cũ): %zu", r.old_found);
    if (r.old_skipped)
        printf(", trong đó %zu đã kết thúc vào ngày khác, giữ nguyên", r.old_skipped);
    printf(".\n");
    return ERR_OK;
}

const char *unit_code_of(const struct unit_rec *u, size_t n, int64_t id)
{
    /* store_unit_list orders by id. */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (u[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && u[lo].id == id ? u[lo].code : NULL;
}

static json_t *unit_refs(const struct unit_rec *u, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *j = json_object();
        json_object_set_new(j, "id", json_integer(u[i].id));
        json_object_set_new(j, "code", json_str(u[i].code));
        json_object_set_new(j, "name", json_str(u[i].name));
        json_object_set_new(j, "valid_from", json_day(u[i].valid_from));
        json_object_set_new(j, "valid_to", json_day(u[i].valid_to));
        json_array_append_new(arr, j);
    }
    return arr;
}

int unit_json_history(struct cli *c, json_t *j, const struct unit_rec *u, struct error *e)
{
    struct unit_history h;
    int rc = app_unit_history(&c->app, u, &h, e);
    if (rc)
        return rc;
    json_object_set_new(j, "parent", json_str(h.parent_code));
    json_object_set_new(j, "successors", unit_refs(h.successors, h.n_successors));
    json_object_set_new(j, "merged_from", unit_refs(h.merged_from, h.n_merged_from));
    return ERR_OK;
}

static void print_refs(const char *title, const struct unit_rec *u, size_t n)
{
    if (!n)
        return;
    printf("  %s (%zu):\n", title, n);
    for (size_t i = 0; i < n; i++) {
        char d[16];
        printf("    %s [%s]", u[i].name, u[i].code);
        if (u[i].valid_to != DAY_NONE)
            printf(", kết thúc %s", day_format_vn(u[i].valid_to, d));
        printf("\n");
    }
}

int unit_print_history(struct cli *c, const struct unit_rec *u, struct error *e)
{
    struct unit_history h;
    int rc = app_unit_history(&c->app, u, &h, e);
    if (rc)
        return rc;
    if (h.n_successors > 1)
        print_refs("Các đơn vị kế thừa", h.successors, h.n_successors);
    print_refs("Các đơn vị đã sáp nhập vào đơn vị này", h.merged_from, h.n_merged_from);
    return ERR_OK;
}

const struct command catalogue_commands[] = {
    {"unit", "import-catalogue", import_catalogue, "format=", 1,
     "giaoban unit import-catalogue THƯ_MỤC [--format text|json]\nNhập danh mục đơn vị hành "
     "chính từ 01/07/2025 (34 tỉnh, thành phố; 3.321 xã, phường, đặc khu; xem "
     "data/dvhc-2025/README.md): THƯ_MỤC có provinces.csv, communes.csv, merged_from.csv. Thêm "
     "hoặc cập nhật các đơn vị mới (theo mã và ngày 01/07/2025); các đơn vị cũ có trong cơ sở "
     "dữ liệu theo mã cũ được ghi nhận kết thúc hoạt động ngày 01/07/2025, sáp nhập vào (các) "
     "đơn vị mới. Tệp có dòng sai thì không nhập gì. Nhập lại nhiều lần không thay đổi gì.",
     true},
    {0},
};
