/*
 * cli/cmd_account.c - `giaoban user add|password|list|disable|enable` and
 * `giaoban token create|list|revoke`.
 *
 * There is no default password: the first administrator is made here, and
 * the password is read from standard input (without echo at a terminal),
 * never from the command line, where other users could see it in ps.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "app/account.h"
#include "cli/cli.h"
#include "util/num.h"

/* One line of stdin into `out` (no newline); at a terminal, without echo. */
static int read_password(const char *prompt, char *out, size_t size, struct error *e)
{
    bool tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        fflush(stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *got = fgets(out, (int)size, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return error_set(e, ERR_INVALID, "password", "Không đọc được mật khẩu từ đầu vào chuẩn");
    size_t n = strlen(out);
    if (n == size - 1 && out[n - 1] != '\n')
        return error_set(e, ERR_INVALID, "password", "Mật khẩu quá dài");
    while (n && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    return ERR_OK;
}

static int user_add(struct cli *c, struct error *e)
{
    const char *name;
    int rc = pos_arg(c, 0, "tên đăng nhập", &name, e);
    if (rc)
        return rc;
    if (!opt(c, "role"))
        return error_set(e, ERR_INVALID, "role",
                         "Thiếu vai trò (--role admin|leader|office|unit|viewer)");
    if (!opt(c, "unit"))
        return error_set(e, ERR_INVALID, "unit", "Thiếu đơn vị của tài khoản (--unit)");
    char pw[PASSWORD_MAX + 2], again[PASSWORD_MAX + 2];
    if ((rc = read_password("Mật khẩu: ", pw, sizeof pw, e)))
        return rc;
    if (isatty(STDIN_FILENO)) {
        if ((rc = read_password("Nhập lại mật khẩu: ", again, sizeof again, e)))
            return rc;
        if (strcmp(pw, again) != 0)
            return error_set(e, ERR_INVALID, "password", "Hai lần nhập mật khẩu không khớp");
    }
    int64_t id;
    rc = app_account_add(&c->app, name, pw, opt(c, "role"), opt(c, "unit"), &id, e);
    memset(pw, 0, sizeof pw);
    memset(again, 0, sizeof again);
    if (!rc)
        printf("%lld\n", (long long)id);
    return rc;
}

/* An administrator sets a new password for an account (read as for user add). */
static int user_password(struct cli *c, struct error *e)
{
    const char *name;
    int rc = pos_arg(c, 0, "tên đăng nhập", &name, e);
    if (rc)
        return rc;
    char pw[PASSWORD_MAX + 2], again[PASSWORD_MAX + 2];
    if ((rc = read_password("Mật khẩu mới: ", pw, sizeof pw, e)))
        return rc;
    if (isatty(STDIN_FILENO)) {
        if ((rc = read_password("Nhập lại mật khẩu mới: ", again, sizeof again, e)))
            return rc;
        if (strcmp(pw, again) != 0)
            return error_set(e, ERR_INVALID, "password", "Hai lần nhập mật khẩu không khớp");
    }
    rc = app_account_set_password(&c->app, name, NULL, pw, NULL, 0, NULL, e);
    memset(pw, 0, sizeof pw);
    memset(again, 0, sizeof again);
    if (!rc)
        printf("Đã đặt mật khẩu mới cho %s.\n", name);
    return rc;
}

/* {"total": n, "items": arr} on stdout when `json`; takes `arr` either way. */
static void print_items(json_t *arr, size_t n, bool json)
{
    if (!json) {
        json_decref(arr);
        return;
    }
    json_t *j = json_object();
    json_object_set_new(j, "total", json_integer((json_int_t)n));
    json_object_set_new(j, "items", arr);
    print_json(j);
}

static int user_list(struct cli *c, struct error *e)
{
    bool json;
    struct account_rec *a;
    size_t n;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = app_account_list(&c->app, &a, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!json) {
            printf("%lld\t%s\t%s\tđơn vị #%lld%s\n", (long long)a[i].id, a[i].username,
                   a[i].role, (long long)a[i].unit_id, a[i].disabled ? "\t(đã khóa)" : "");
            continue;
        }
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:I,s:b}", "id", (json_int_t)a[i].id,
                                             "username", a[i].username, "role", a[i].role,
                                             "unit_id", (json_int_t)a[i].unit_id, "disabled",
                                             a[i].disabled));
    }
    print_items(arr, n, json);
    return ERR_OK;
}

static int user_set_disabled(struct cli *c, bool disabled, struct error *e)
{
    const char *name;
    struct account_rec a;
    int rc = pos_arg(c, 0, "tên đăng nhập", &name, e);
    if (rc)
        return rc;
    if ((rc = app_account_rec_find(&c->app, name, "username", &a, e)))
        return rc;
    if ((rc = app_account_set_disabled(&c->app, a.id, disabled, e)))
        return rc;
    printf(disabled ? "Đã khóa tài khoản %s; các phiên đăng nhập và mã truy cập của tài khoản "
                      "không còn dùng được.\n"
                    : "Đã mở lại tài khoản %s.\n",
           a.username);
    return ERR_OK;
}

static int user_disable(struct cli *c, struct error *e)
{
    return user_set_disabled(c, true, e);
}

static int user_enable(struct cli *c, struct error *e)
{
    return user_set_disabled(c, false, e);
}

static int token_list(struct cli *c, struct error *e)
{
    bool json;
    struct token_rec *t;
    size_t n;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = app_token_list(&c->app, &t, &n, e)))
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++) {
        if (!json) {
            printf("%lld\t%s\t%s\t%s%s\n", (long long)t[i].id, t[i].username,
                   t[i].created_at, t[i].label ? t[i].label : "",
                   t[i].revoked ? "\t(đã thu hồi)" : "");
            continue;
        }
        json_array_append_new(arr, json_pack("{s:I,s:s,s:s?,s:s,s:b}", "id", (json_int_t)t[i].id,
                                             "username", t[i].username, "label", t[i].label,
                                             "created_at", t[i].created_at, "revoked",
                                             t[i].revoked));
    }
    print_items(arr, n, json);
    return ERR_OK;
}

static int token_revoke(struct cli *c, struct error *e)
{
    const char *arg;
    int rc = pos_arg(c, 0, "số của mã truy cập", &arg, e);
    if (rc)
        return rc;
    int64_t id;
    if (!num_parse_u63z(arg, &id) || id <= 0)
        return error_set(e, ERR_INVALID, "id",
                         "Số của mã truy cập phải là số nguyên dương (xem 'giaoban token list')");
    if ((rc = app_token_revoke(&c->app, id, e)))
        return rc;
    printf("Đã thu hồi mã truy cập số %lld.\n", (long long)id);
    return ERR_OK;
}

static int token_create(struct cli *c, struct error *e)
{
    if (!opt(c, "user"))
        return error_set(e, ERR_INVALID, "user", "Thiếu tài khoản (--user TÊN_ĐĂNG_NHẬP)");
    const char *token;
    int rc = app_token_create(&c->app, opt(c, "user"), opt(c, "label"), &token, e);
    if (!rc)
        printf("%s\n", token);
    return rc;
}

const struct command account_commands[] = {
    {"user", "add", user_add, "role=,unit=", 1,
     "giaoban user add TÊN_ĐĂNG_NHẬP --role admin|leader|office|unit|viewer --unit ĐƠN_VỊ\nTạo "
     "tài khoản; mật khẩu đọc từ đầu vào chuẩn (không hiện khi gõ). Tài khoản chỉ làm việc "
     "trong phạm vi đơn vị của mình và các đơn vị trực thuộc.",
     true},
    {"user", "password", user_password, "", 1,
     "giaoban user password TÊN_ĐĂNG_NHẬP\nĐặt lại mật khẩu của một tài khoản; mật khẩu mới đọc "
     "từ đầu vào chuẩn (không hiện khi gõ).",
     true},
    {"user", "list", user_list, "format=", 0,
     "giaoban user list [--format text|json]\nDanh sách tài khoản.", true},
    {"user", "disable", user_disable, "", 1,
     "giaoban user disable TÊN_ĐĂNG_NHẬP\nKhóa tài khoản: không đăng nhập được nữa, các phiên "
     "đăng nhập kết thúc, mã truy cập API bị từ chối. Không xóa gì.",
     true},
    {"user", "enable", user_enable, "", 1,
     "giaoban user enable TÊN_ĐĂNG_NHẬP\nMở lại tài khoản đã khóa.", true},
    {"token", "list", token_list, "format=", 0,
     "giaoban token list [--format text|json]\nDanh sách mã truy cập API (không bao giờ in lại "
     "mã).",
     true},
    {"token", "revoke", token_revoke, "", 1,
     "giaoban token revoke SỐ\nThu hồi một mã truy cập API; hệ thống dùng mã đó bị từ chối ngay.",
     true},
    {"token", "create", token_create, "user=,label=", 0,
     "giaoban token create --user TÊN_ĐĂNG_NHẬP [--label GHI_CHÚ]\nTạo mã truy cập API (gửi "
     "bằng Authorization: Bearer ...); mã chỉ được in ra một lần.",
     true},
    {0},
};
