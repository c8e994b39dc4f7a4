/*
 * cli/cmd_calendar.c - `giaoban calendar holidays NĂM`, `calendar add-workdays NGÀY N`.
 *
 * The working-day calendar of core/calendar.h: the shipped decisions and
 * the rules. The days an admin will edit (stored, audited) are not read
 * yet: the commands need no database.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "text/normalize.h"
#include "util/num.h"

static struct calendar cal; /* 14 KB: static, computed once per run */

static int calendar_load(struct error *e)
{
    return calendar_init(&cal, NULL, 0, e);
}

static const char *weekday_name(day_num d)
{
    static const char *const names[] = {"Thứ Hai", "Thứ Ba",  "Thứ Tư",  "Thứ Năm",
                                        "Thứ Sáu", "Thứ Bảy", "Chủ nhật"};
    int r = (int)((d + 3) % 7);
    return names[r < 0 ? r + 7 : r];
}

static const char *shown(const char *s)
{
    return text_valid_utf8(s, strlen(s)) ? s : "?";
}

/* Print `s` padded with spaces to `width` characters (code points, not bytes). */
static void print_padded(const char *s, int width)
{
    int n = 0;
    for (const char *p = s; *p; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80;
    fputs(s, stdout);
    for (; n < width; n++)
        putchar(' ');
}

static int holidays_cmd(struct cli *c, struct error *e)
{
    bool json;
    const char *ys;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_arg(c, 0, "NĂM", &ys, e)))
        return rc;
    int64_t y;
    if (!num_parse_u63z(ys, &y) || y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR)
        return error_set(e, ERR_INVALID, "NĂM", "NĂM phải là một năm từ %d đến %d: '%.40s'",
                         CALENDAR_MIN_YEAR, CALENDAR_MAX_YEAR, shown(ys));
    if ((rc = calendar_load(e)))
        return rc;
    struct calendar_day d[CALENDAR_YEAR_MAX_DAYS];
    size_t n;
    if ((rc = calendar_holidays(&cal, (int)y, d, CALENDAR_YEAR_MAX_DAYS, &n, e)))
        return rc;
    if (n > CALENDAR_YEAR_MAX_DAYS)
        n = CALENDAR_YEAR_MAX_DAYS;
    if (json) {
        json_t *arr = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *item = json_object();
            json_object_set_new(item, "date", json_day(d[i].day));
            json_object_set_new(item, "name", json_string(d[i].name));
            json_object_set_new(item, "off", json_boolean(d[i].off));
            json_object_set_new(item, "source", json_str(d[i].source));
            json_array_append_new(arr, item);
        }
        json_t *j = json_object();
        json_object_set_new(j, "total", json_integer((json_int_t)n));
        json_object_set_new(j, "items", arr);
        print_json(j);
        return ERR_OK;
    }
    size_t n_off = 0;
    for (size_t i = 0; i < n; i++) {
        char buf[16];
        printf("%-10s  ", day_format_vn(d[i].day, buf));
        print_padded(weekday_name(d[i].day), 9);
        print_padded(d[i].off ? "nghỉ" : "làm việc", 9);
        printf("%s\n", d[i].name);
        n_off += d[i].off;
    }
    int first, last;
    calendar_shipped_years(&first, &last);
    printf("Tổng số: %zu ngày nghỉ, %zu ngày làm bù (%s)\n", n_off, n - n_off,
           y >= first && y <= last ? "theo thông báo của Chính phủ và Bộ luật Lao động 2019"
                                   : "tính theo Bộ luật Lao động 2019, chưa có thông báo");
    return ERR_OK;
}

/* "15/1", "15.1", "15-1": a day and a month without a year, or false. */
static bool day_month_only(const char *s, int *day, int *month)
{
    int v[2] = {0, 0}, k = 0, digits = 0;
    for (const char *p = s;; p++) {
        if (*p >= '0' && *p <= '9') {
            if (++digits > 2)
                return false;
            v[k] = v[k] * 10 + (*p - '0');
        } else if ((*p == '/' || *p == '.' || *p == '-') && k == 0 && digits > 0) {
            k = 1;
            digits = 0;
        } else {
            if (*p || k != 1 || digits == 0)
                return false;
            *day = v[0];
            *month = v[1];
            return true;
        }
    }
}

/* NGÀY as typed; without a year ("15/1"), resolved forward from today as people mean it. */
static int parse_from(const struct cli *c, const char *s, day_num *out, struct error *e)
{
    int d, m;
    if (day_month_only(s, &d, &m))
        return day_resolve_without_year(c->app.today, d, m, out, "NGÀY", e);
    return day_parse(s, 0, out, "NGÀY", e);
}

static int add_workdays_cmd(struct cli *c, struct error *e)
{
    bool json;
    const char *ds, *ns;
    int rc;
    if ((rc = want_json(c, &json, e)) || (rc = pos_arg(c, 0, "NGÀY", &ds, e)) ||
        (rc = pos_arg(c, 1, "N (số ngày làm việc)", &ns, e)))
        return rc;
    day_num from;
    if ((rc = parse_from(c, ds, &from, e)))
        return rc;
    int64_t n;
    if (!num_parse_u63z(ns, &n) || n > CALENDAR_MAX_ADD)
        return error_set(e, ERR_INVALID, "N",
                         "N (số ngày làm việc) phải là số từ 0 đến %d: '%.40s'", CALENDAR_MAX_ADD,
                         shown(ns));
    if ((rc = calendar_load(e)))
        return rc;
    day_num out;
    if ((rc = calendar_add_working_days(&cal, from, (int)n, &out, e)))
        return rc;
    char buf[16];
    if (json) {
        json_t *j = json_object();
        json_object_set_new(j, "from", json_day(from));
        json_object_set_new(j, "working_days", json_integer((json_int_t)n));
        json_object_set_new(j, "date", json_day(out));
        print_json(j);
    } else {
        printf("%s\n", day_format_vn(out, buf));
    }
    return ERR_OK;
}

const struct command calendar_commands[] = {
    {"calendar", "holidays", holidays_cmd, "format=", 1,
     "giaoban calendar holidays NĂM [--format json]\nCác ngày nghỉ lễ, Tết, nghỉ bù và ngày làm bù "
     "của NĂM (Bộ luật Lao động 2019, Điều 112; thông báo hằng năm của Chính phủ).",
     false},
    {"calendar", "add-workdays", add_workdays_cmd, "format=", 2,
     "giaoban calendar add-workdays NGÀY N [--format json]\nNgày làm việc thứ N sau NGÀY (N từ 0 "
     "đến 366; trừ thứ Bảy, Chủ nhật, ngày lễ, Tết). NGÀY không có năm (15/1) là lần tới của "
     "ngày đó, tính từ 60 ngày trước hôm nay.",
     false},
    {0},
};
