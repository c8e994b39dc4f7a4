/*
 * cli/cmd_unit.c - `giaoban unit ...` and `giaoban person ...`.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int unit_add(struct cli *c, struct error *e)
{
    struct unit_input in = {
        .code = opt(c, "code"), .name = opt(c, "name"), .short_name = opt(c, "short"),
        .kind = opt(c, "kind"), .parent = opt(c, "parent"), .head_name = opt(c, "head"),
        .head_title = opt(c, "head-title"), .valid_from = opt(c, "from"),
        .aliases = opt_all(c, "alias")};
    if (!in.code)
        return error_set(e, ERR_INVALID, "code", "Thiếu mã đơn vị (--code)");
    if (!in.name)
        return error_set(e, ERR_INVALID, "name", "Thiếu tên đơn vị (--name)");
    int64_t id;
    int rc = app_unit_add(&c->app, &in, &id, e);
    if (!rc)
        printf("%lld\n", (long long)id);
    return rc;
}

static json_t *unit_json(const struct unit_rec *u)
{
    json_t *j = json_object();
    json_object_set_new(j, "id", json_integer(u->id));
    json_object_set_new(j, "code", json_str(u->code));
    json_object_set_new(j, "name", json_str(u->name));
    json_object_set_new(j, "short_name", json_str(u->short_name));
    json_object_set_new(j, "kind", json_str(u->kind));
    json_object_set_new(j, "parent_id", json_id(u->parent_id));
    json_object_set_new(j, "head_name", json_str(u->head_name));
    json_object_set_new(j, "head_title", json_str(u->head_title));
    json_object_set_new(j, "valid_from", json_day(u->valid_from));
    json_object_set_new(j, "valid_to", json_day(u->valid_to));
    json_object_set_new(j, "successor_id", json_id(u->successor_id));
    if (u->aliases) {
        json_t *al = json_array();
        for (const char **a = u->aliases; *a; a++)
            json_array_append_new(al, json_string(*a));
        json_object_set_new(j, "aliases", al);
    }
    return j;
}

/* Print units as an indented tree, children after their parent. */
static void print_tree(const struct unit_rec *u, size_t n, int64_t parent, int depth)
{
    for (size_t i = 0; i < n; i++) {
        if (u[i].parent_id != parent)
            continue;
        char d[16];
        printf("%*s%s  [%s]%s%s%s\n", depth * 2, "", u[i].name, u[i].code,
               u[i].head_name ? "  — " : "", u[i].head_name ? u[i].head_name : "",
               u[i].valid_to != DAY_NONE ? " (đã giải thể/sáp nhập)" : "");
        (void)d;
        if (depth < 64)
            print_tree(u, n, u[i].id, depth + 1);
    }
}

static int unit_list(struct cli *c, struct error *e)
{
    bool json;
    int rc = want_json(c, &json, e);
    struct unit_rec *u;
    size_t n;
    if (rc || (rc = app_unit_list(&c->app, &u, &n, e)))
        return rc;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++)
        {
            json_t *item = unit_json(&u[i]);
            /* The parent's code: what the catalogue names it by (cmd_catalogue.c). */
            json_object_set_new(item, "parent", json_str(unit_code_of(u, n, u[i].parent_id)));
            json_array_append_new(arr, item);
        }
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)n));
        json_object_set_new(j, "items", arr);
        print_json(j);
    } else {
        print_tree(u, n, 0, 0);
        printf("Tổng số: %zu đơn vị\n", n);
    }
    return ERR_OK;
}

static int unit_show(struct cli *c, struct error *e)
{
    bool json;
    const char *name;
    int64_t id;
    struct unit_rec u;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_arg(c, 0, "đơn vị", &name, e)) ||
        (rc = app_unit_resolve(&c->app, name, "unit", &id, e)) ||
        (rc = app_unit_get(&c->app, id, &u, e)))
        return rc;
    if (json) {
        json_t *j = unit_json(&u);
        if ((rc = unit_json_history(c, j, &u, e))) {
            json_decref(j);
            return rc;
        }
        print_json(j);
        return ERR_OK;
    }
    char d[16];
    printf("%s [%s]\n", u.name, u.code);
    if (u.short_name)
        printf("  Tên ngắn: %s\n", u.short_name);
    printf("  Loại: %s\n", u.kind);
    if (u.parent_id) {
        struct unit_rec p;
        if (!app_unit_get(&c->app, u.parent_id, &p, e))
            printf("  Trực thuộc: %s\n", p.name);
    }
    if (u.head_name)
        printf("  Người đứng đầu: %s%s%s\n", u.head_name, u.head_title ? ", " : "",
               u.head_title ? u.head_title : "");
    for (const char **a = u.aliases; a && *a; a++)
        printf("  Tên gọi khác: %s\n", *a);
    if (u.valid_from != DAY_NONE)
        printf("  Thành lập: %s\n", day_format_vn(u.valid_from, d));
    if (u.valid_to != DAY_NONE)
        printf("  Kết thúc: %s\n", day_format_vn(u.valid_to, d));
    if (u.successor_id) {
        struct unit_rec p;
        if (!app_unit_get(&c->app, u.successor_id, &p, e))
            printf("  Sáp nhập vào: %s\n", p.name);
    }
    return unit_print_history(c, &u, e);
}

static int unit_move(struct cli *c, struct error *e)
{
    const char *name;
    int rc = pos_arg(c, 0, "đơn vị", &name, e);
    if (rc)
        return rc;
    if (!opt(c, "parent") && !opt_flag(c, "root"))
        return error_set(e, ERR_INVALID, "parent", "Cần --parent ĐƠN_VỊ (hoặc --root)");
    if (opt(c, "parent") && opt_flag(c, "root"))
        return error_set(e, ERR_INVALID, "root", "Dùng --parent ĐƠN_VỊ hoặc --root, không dùng cả "
                                                 "hai");
    rc = app_unit_move(&c->app, name, opt(c, "parent"), e);
    if (!rc)
        printf("Đã chuyển đơn vị.\n");
    return rc;
}

static int unit_close(struct cli *c, struct error *e)
{
    const char *name;
    int rc = pos_arg(c, 0, "đơn vị", &name, e);
    if (rc)
        return rc;
    rc = app_unit_close(&c->app, name, opt(c, "date"), opt(c, "successor"), e);
    if (!rc)
        printf("Đã ghi nhận đơn vị kết thúc hoạt động.\n");
    return rc;
}

static int person_add(struct cli *c, struct error *e)
{
    struct person_input in = {.name = opt(c, "name"), .title = opt(c, "title"),
                              .unit = opt(c, "unit")};
    if (!in.name)
        return error_set(e, ERR_INVALID, "name", "Thiếu họ tên (--name)");
    int64_t id;
    int rc = app_person_add(&c->app, &in, &id, e);
    if (!rc)
        printf("%lld\n", (long long)id);
    return rc;
}

static int person_list(struct cli *c, struct error *e)
{
    bool json;
    int64_t unit = 0;
    int rc = want_json(c, &json, e);
    if (!rc && opt(c, "unit"))
        rc = app_unit_resolve(&c->app, opt(c, "unit"), "unit", &unit, e);
    struct person_rec *p;
    size_t n;
    if (rc || (rc = app_person_list(&c->app, unit, &p, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!json) {
            printf("%lld\t%s\t%s\n", (long long)p[i].id, p[i].name, p[i].title ? p[i].title : "");
            continue;
        }
        json_t *j = json_object();
        json_object_set_new(j, "id", json_integer(p[i].id));
        json_object_set_new(j, "name", json_str(p[i].name));
        json_object_set_new(j, "title", json_str(p[i].title));
        json_object_set_new(j, "unit_id", json_id(p[i].unit_id));
        json_array_append_new(arr, j);
    }
    if (json) {
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)n));
        json_object_set_new(j, "items", arr);
        print_json(j);
    } else {
        json_decref(arr);
    }
    return ERR_OK;
}

const struct command unit_commands[] = {
    {"unit", "add", unit_add, "code=,name=,short=,kind=,parent=,head=,head-title=,alias*,from=", 0,
     "giaoban unit add --code MÃ --name TÊN [--short TÊN_NGẮN] [--kind tinh|huyen|xa|so|phong|ban|"
     "trung_tam|van_phong|khac] [--parent ĐƠN_VỊ] [--head HỌ_TÊN --head-title CHỨC_VỤ] "
     "[--alias TÊN]... [--from NGÀY]\nThêm đơn vị; in ra số hiệu của đơn vị. Không có --parent: "
     "đơn vị cấp cao nhất.",
     true},
    {"unit", "list", unit_list, "format=", 0,
     "giaoban unit list [--format text|json]\nDanh sách đơn vị (dạng cây).", true},
    {"unit", "show", unit_show, "format=", 1,
     "giaoban unit show ĐƠN_VỊ [--format text|json]\nThông tin một đơn vị (theo mã hoặc tên, "
     "không cần dấu).",
     true},
    {"unit", "move", unit_move, "parent=,root", 1,
     "giaoban unit move ĐƠN_VỊ (--parent ĐƠN_VỊ_CHA | --root)\nChuyển đơn vị sang trực thuộc đơn "
     "vị khác (--root: không trực thuộc đơn vị nào).",
     true},
    {"unit", "close", unit_close, "date=,successor=", 1,
     "giaoban unit close ĐƠN_VỊ --date NGÀY [--successor ĐƠN_VỊ_KẾ_THỪA]\nGhi nhận đơn vị giải "
     "thể hoặc sáp nhập; nhiệm vụ của nó được cộng vào đơn vị kế thừa (không có --successor: "
     "giải thể, không có đơn vị kế thừa).",
     true},
    {"person", "add", person_add, "name=,title=,unit=", 0,
     "giaoban person add --name HỌ_TÊN [--title CHỨC_VỤ] [--unit ĐƠN_VỊ]\nThêm cán bộ.", true},
    {"person", "list", person_list, "unit=,format=", 0,
     "giaoban person list [--unit ĐƠN_VỊ] [--format text|json]\nDanh sách cán bộ.", true},
    {0},
};
