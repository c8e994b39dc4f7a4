/*
 * extract/extract_date.c - deadlines as notices write them.
 *
 * A date is a deadline only when a cue of the lexicon ("trước", "chậm
 * nhất", "trong", "cuối"...) leads to it. That one rule keeps out the
 * dates that are not deadlines: of cited documents ("Thông báo số
 * 290/TB-UBND ngày 06/7/2020"), of events, of spans ("từ ngày 15/9 đến
 * ngày 31/12"). A period (tháng 10, quý III, năm 2021) means its last day;
 * "trước Tết Nguyên đán" means the eve of the next lunar new year, from
 * the lexicon's table. A day or month written without a year takes the
 * meeting's year, or the next one when it would fall before the meeting.
 */
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "extract/extract_int.h"

struct when {
    bool ok;
    day_num day;
    int minute;
    size_t end;
};

static bool is_punct(const struct doc *d, size_t i, char c)
{
    return i < d->n && d->t[i].cls == TOK_PUNCT && d->fold[d->t[i].f] == c;
}

/* The value of a number token of at most 4 digits, or -1. */
static int num_at(const struct doc *d, size_t i, size_t to)
{
    if (i >= to || d->t[i].cls != TOK_NUM || d->t[i].flen > 4)
        return -1;
    /* The token ends at a non-digit, so strtol stops there. */
    return (int)strtol(d->fold + d->t[i].f, NULL, 10);
}

static int year_of(int v)
{
    if (v >= 0 && v < 100)
        v += 2000;
    return v >= DAY_MIN_YEAR && v <= DAY_MAX_YEAR ? v : -1;
}

static bool has(const struct lexicon *lx, const struct doc *d, size_t i, size_t to, int kind,
                size_t *end)
{
    struct phrase_hit h = phrase_match(lx->phrases, d, i, to, KIND(kind));
    if (!h.end)
        return false;
    *end = h.end;
    return true;
}

/* "/2021", "-2021" or "năm 2021" after a period or a day and month; -1 when absent. */
static int year_suffix(const struct lexicon *lx, const struct doc *d, size_t *i, size_t to)
{
    size_t j = *i, k;
    if ((is_punct(d, j, '/') || is_punct(d, j, '-') || is_punct(d, j, '.')) && j + 1 < to &&
        d->t[j + 1].glued && d->t[j].glued) {
        int y = year_of(num_at(d, j + 1, to));
        if (y > 0 && d->t[j + 1].flen >= 2) {
            *i = j + 2;
            return y;
        }
    }
    if (has(lx, d, j, to, LEX_YEAR, &k)) {
        int y = year_of(num_at(d, k, to));
        if (y > 0 && d->t[k].flen == 4) {
            *i = k + 1;
            return y;
        }
    }
    return -1;
}

/* The last day of `fixed` periods with no year: the first such day on or after the meeting. */
static day_num roll(int y, int m, int dd, int mode, day_num meeting)
{
    /* mode 0: day dd of month m; 1: end of month m; 2: end of quarter m */
    if (y < 0) {
        if (meeting == DAY_NONE)
            return DAY_NONE;
        int my, mm, md;
        day_to_ymd(meeting, &my, &mm, &md);
        y = my;
        if (mode == 0 && !day_valid_ymd(y, m, dd) && !day_valid_ymd(y + 1, m, dd))
            return DAY_NONE;
        day_num r = mode == 0 ? (day_valid_ymd(y, m, dd) ? day_from_ymd(y, m, dd) : meeting - 1)
                              : day_last_of_month(y, m);
        if (r < meeting)
            y++;
    }
    if (mode == 0)
        return day_valid_ymd(y, m, dd) ? day_from_ymd(y, m, dd) : DAY_NONE;
    return day_last_of_month(y, m);
}

static int roman(const struct doc *d, size_t i, size_t to)
{
    static const char *const r[] = {"i", "ii", "iii", "iv"};
    for (int k = 0; k < 4; k++)
        if (i < to && tok_is(d, i, r[k]))
            return k + 1;
    int v = num_at(d, i, to);
    return v >= 1 && v <= 4 ? v : -1;
}

/* A meeting's own period ("cuối năm", "trong tháng này") when no number follows. */
static bool bare_period(const struct lexicon *lx, const struct doc *d, size_t i, size_t to)
{
    size_t k;
    return i >= to || d->t[i].cls == TOK_PUNCT || has(lx, d, i, to, LEX_THIS, &k);
}

static struct when parse_when(const struct lexicon *lx, const struct doc *d, size_t i, size_t to,
                              day_num meeting)
{
    struct when w = {false, DAY_NONE, -1, 0};
    size_t k;
    int my = 0, mm = 0, md = 0;
    if (meeting != DAY_NONE)
        day_to_ymd(meeting, &my, &mm, &md);

    for (int guard = 0; guard < 4 && i < to; guard++) {
        if (has(lx, d, i, to, LEX_DLFILL, &k))
            i = k;
        else if (is_punct(d, i, ':') || is_punct(d, i, ','))
            i++;
        else
            break;
    }
    /* An hour first: "14 giờ", "14 giờ 30", "14h", "14h30", "14:00". */
    int h = num_at(d, i, to);
    if (h >= 0 && h <= 24 && has(lx, d, i + 1, to, LEX_HOUR, &k)) {
        int mi = num_at(d, k, to);
        w.minute = h * 60;
        i = k;
        if (mi >= 0 && mi < 60) {
            w.minute += mi;
            i++;
            if (has(lx, d, i, to, LEX_MINUTE, &k))
                i = k;
        }
    } else if (i < to && d->t[i].cls == TOK_WORD && d->t[i].flen >= 2 && d->t[i].flen <= 5) {
        const char *s = d->fold + d->t[i].f;
        char *end;
        long hv = strtol(s, &end, 10);
        if (end > s && end < s + d->t[i].flen && *end == 'h' && hv <= 24) {
            long mv = 0;
            if (end + 1 < s + d->t[i].flen) {
                char *e2;
                mv = strtol(end + 1, &e2, 10);
                if (e2 != s + d->t[i].flen || mv >= 60)
                    mv = -1;
            }
            if (mv >= 0) {
                w.minute = (int)(hv * 60 + mv);
                i++;
            }
        }
    } else if (h >= 0 && h <= 24 && is_punct(d, i + 1, ':') && d->t[i + 1].glued && i + 2 < to &&
               d->t[i + 2].glued && num_at(d, i + 2, to) >= 0 && num_at(d, i + 2, to) < 60) {
        w.minute = h * 60 + num_at(d, i + 2, to);
        i += 3;
    }
    if (w.minute >= 0) {
        for (int guard = 0; guard < 4 && i < to; guard++) {
            if (has(lx, d, i, to, LEX_DLFILL, &k))
                i = k;
            else if (is_punct(d, i, ',') || is_punct(d, i, ':'))
                i++;
            else
                break;
        }
    }

    /* 15/9, 15/9/2020, 15-9-2020, 15.9.2020 */
    int dd = num_at(d, i, to);
    if (dd >= 1 && dd <= 31 && i + 2 < to + 0 &&
        (is_punct(d, i + 1, '/') || is_punct(d, i + 1, '-') || is_punct(d, i + 1, '.')) &&
        d->t[i + 1].glued && d->t[i + 2].glued) {
        int m = num_at(d, i + 2, to);
        if (m >= 1 && m <= 12) {
            size_t j = i + 3;
            int y = year_suffix(lx, d, &j, to);
            w.day = roll(y, m, dd, 0, meeting);
            if (y > 0 && !day_valid_ymd(y, m, dd))
                return w;
            w.ok = y > 0 || meeting == DAY_NONE || w.day != DAY_NONE;
            w.end = j;
            return w;
        }
    }
    /* 15 tháng 9 (năm 2020) */
    if (dd >= 1 && dd <= 31 && has(lx, d, i + 1, to, LEX_MONTH, &k)) {
        int m = num_at(d, k, to);
        if (m >= 1 && m <= 12) {
            size_t j = k + 1;
            int y = year_suffix(lx, d, &j, to);
            if (y > 0 && !day_valid_ymd(y, m, dd))
                return w;
            w.day = roll(y, m, dd, 0, meeting);
            w.ok = true;
            w.end = j;
            return w;
        }
    }
    if (w.minute >= 0)
        return w; /* an hour with no day: not a deadline we can date */
    /* tháng 10, tháng 10/2021, tháng 10 năm 2021, (cuối) tháng này */
    if (has(lx, d, i, to, LEX_MONTH, &k)) {
        int m = num_at(d, k, to);
        if (m >= 1 && m <= 12) {
            size_t j = k + 1;
            int y = year_suffix(lx, d, &j, to);
            w.day = roll(y, m, 1, 1, meeting);
            w.ok = true;
            w.end = j;
        } else if (bare_period(lx, d, k, to)) {
            w.day = meeting == DAY_NONE ? DAY_NONE : day_last_of_month(my, mm);
            w.ok = true;
            w.end = k < to && d->t[k].cls == TOK_WORD ? k + 1 : k;
        }
        return w;
    }
    /* quý III, quý 3/2021, quý 3 năm 2021 */
    if (has(lx, d, i, to, LEX_QUARTER, &k)) {
        int q = roman(d, k, to);
        if (q > 0) {
            size_t j = k + 1;
            int y = year_suffix(lx, d, &j, to);
            w.day = roll(y, q * 3, 1, 2, meeting);
            w.ok = true;
            w.end = j;
        } else if (bare_period(lx, d, k, to) && meeting != DAY_NONE) {
            w.day = day_last_of_month(my, ((mm - 1) / 3 + 1) * 3);
            w.ok = true;
            w.end = k < to && d->t[k].cls == TOK_WORD ? k + 1 : k;
        }
        return w;
    }
    /* năm 2021, (cuối) năm nay */
    if (has(lx, d, i, to, LEX_YEAR, &k)) {
        int y = year_of(num_at(d, k, to));
        if (y > 0 && d->t[k].flen == 4) {
            w.day = day_from_ymd(y, 12, 31);
            w.ok = true;
            w.end = k + 1;
        } else if (bare_period(lx, d, k, to)) {
            w.day = meeting == DAY_NONE ? DAY_NONE : day_from_ymd(my, 12, 31);
            w.ok = true;
            w.end = k < to && d->t[k].cls == TOK_WORD ? k + 1 : k;
        }
        return w;
    }
    /* Tết Nguyên đán (Tân Sửu) (2021): the eve of the lunar new year */
    if (has(lx, d, i, to, LEX_TET, &k)) {
        size_t j = k;
        int y = -1;
        for (size_t s = k; s < to && s < k + 3; s++) {
            int v = year_of(num_at(d, s, to));
            if (v > 0 && d->t[s].flen == 4) {
                y = v;
                j = s + 1;
                break;
            }
            if (d->t[s].cls != TOK_WORD || !d->t[s].upper)
                break; /* only a can-chi name (Tân Sửu) may stand between */
            j = s + 1;
        }
        w.ok = true;
        w.end = j;
        for (size_t t = 0; t < lx->n_tet; t++) {
            int ty, tm, td;
            day_to_ymd(lx->tet[t], &ty, &tm, &td);
            if (y > 0 ? ty == y : (meeting != DAY_NONE && lx->tet[t] > meeting)) {
                w.day = lx->tet[t] - 1;
                break;
            }
        }
        return w;
    }
    return w;
}

/* A count of days or months: "10", "03", "hai", "ba". -1 if none. */
static int count_at(const struct doc *d, size_t i, size_t to)
{
    static const char *const words[] = {"hai", "ba", "bon", "sau", "bay", "tam", "chin", "muoi"};
    static const int values[] = {2, 3, 4, 6, 7, 8, 9, 10};
    int v = num_at(d, i, to);
    if (v > 0 && v < 400)
        return v;
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (i < to && tok_is(d, i, words[k]))
            return values[k];
    return -1;
}

/* `meeting` + n working days (core/calendar: weekends, public holidays, the Government's
 * decided days off and swapped days); DAY_NONE if out of the calendar's range. The calendar
 * is built only for such a phrase: most notices have none. */
static day_num add_working_days(day_num meeting, int n)
{
    struct calendar *cal = malloc(sizeof *cal);
    day_num out = DAY_NONE;
    if (cal && (calendar_init(cal, NULL, 0, NULL) != ERR_OK ||
                calendar_add_working_days(cal, meeting, n, &out, NULL) != ERR_OK))
        out = DAY_NONE;
    free(cal);
    return out;
}

/*
 * After a cue, a count: "trong 10 ngày làm việc", "trong 15 ngày" (counted from the meeting,
 * the one day the extractor knows: the day is proposed, marked as counted so, for the clerk
 * to check against the notice's date), "trong 15 ngày kể từ ngày nhận" (from an event the
 * text names but gives no day of: no date, the proposal needs one), "trong 03 tháng cuối
 * năm", "trong hai tháng còn lại" (the rest of the meeting's year: 31 December).
 */
static bool count_form(const struct lexicon *lx, const struct doc *d, size_t i, size_t to,
                       day_num meeting, struct deadline *r)
{
    size_t k;
    if (i >= to || count_at(d, i, to) < 0)
        return false;
    size_t j = i + 1;
    if (has(lx, d, j, to, LEX_DAYWORD, &k)) {
        int n = count_at(d, i, to);
        bool working = k + 1 < to && tok_is(d, k, "lam") && tok_is(d, k + 1, "viec");
        j = working ? k + 2 : k;
        /* "kể từ ngày nhận", "tính từ ngày ký": from an event whose day the text lacks */
        bool from_event = j + 1 < to && (tok_is(d, j, "ke") || tok_is(d, j, "tinh")) &&
                          tok_is(d, j + 1, "tu");
        r->found = r->relative = true;
        r->day = DAY_NONE;
        r->to = j;
        if (!from_event && meeting != DAY_NONE && n > 0 && n <= 366) {
            r->day = working ? add_working_days(meeting, n) : meeting + n;
            r->from_meeting = r->day != DAY_NONE;
        }
        return true;
    }
    if (has(lx, d, j, to, LEX_MONTH, &k)) {
        bool rest = k < to && tok_is(d, k, "con") && k + 1 < to && tok_is(d, k + 1, "lai");
        bool year_end = k + 1 < to && tok_is(d, k, "cuoi") && has(lx, d, k + 1, to, LEX_YEAR, &j);
        if (!rest && !year_end)
            return false;
        int my, mm, md;
        r->found = true;
        r->day = DAY_NONE;
        if (meeting != DAY_NONE) {
            day_to_ymd(meeting, &my, &mm, &md);
            r->day = day_from_ymd(my, 12, 31);
        }
        r->to = rest ? k + 2 : j;
        return true;
    }
    return false;
}

struct deadline deadline_scan(const struct lexicon *lx, const struct doc *d, size_t from, size_t to,
                              day_num meeting)
{
    struct deadline r = {.found = false, .day = DAY_NONE, .minute = -1};
    for (size_t i = from; i < to; i++) {
        struct phrase_hit h = phrase_match(lx->phrases, d, i, to, KIND(LEX_DLCUE));
        if (!h.end)
            continue;
        if (i > 0 && phrase_match(lx->phrases, d, i - 1, i, KIND(LEX_DLNOT)).end)
            continue;
        if (count_form(lx, d, h.end, to, meeting, &r)) {
            r.from = i;
            return r;
        }
        struct when w = parse_when(lx, d, h.end, to, meeting);
        /* "trước ngày khai giảng 05/9/2020": a few lower-case words naming the day. */
        for (size_t j = h.end, n = 0; !w.ok && j + 1 < to && n < 3; j++, n++) {
            if (d->t[j].cls != TOK_WORD || d->t[j].upper)
                break;
            if (d->t[j + 1].cls == TOK_NUM && is_punct(d, j + 2, '/'))
                w = parse_when(lx, d, j + 1, to, meeting);
        }
        if (!w.ok)
            continue;
        /* "trong tháng 3 và thời gian tiếp theo": a period of work, not a deadline. */
        size_t k;
        if (has(lx, d, w.end, to, LEX_DLCANCEL, &k)) {
            i = k - 1;
            continue;
        }
        r.found = true;
        r.day = w.day;
        r.minute = w.minute;
        r.from = i;
        r.to = w.end;
        /* "cuối tháng 3 và trong tháng 4/2022": the later of the two. */
        if (w.end + 1 < to && tok_is(d, w.end, "va")) {
            struct deadline r2 = deadline_scan(lx, d, w.end + 1, w.end + 1 < to ? to : to, meeting);
            if (r2.found && r2.from == w.end + 1 && r2.day != DAY_NONE &&
                (r.day == DAY_NONE || r2.day > r.day)) {
                r.day = r2.day;
                r.minute = r2.minute;
                r.to = r2.to;
            }
        }
        return r;
    }
    return r;
}

struct deadline deadline_period(const struct lexicon *lx, const struct doc *d, size_t from,
                                size_t to, day_num meeting)
{
    struct deadline r = {.found = false, .day = DAY_NONE, .minute = -1};
    for (size_t i = from; i < to; i++) {
        size_t k;
        if (!has(lx, d, i, to, LEX_MONTH, &k) || num_at(d, k, to) < 1 || num_at(d, k, to) > 12)
            continue;
        /* "6 tháng đầu năm", "các tháng 8": a count or a list of months, not one month. */
        if (i > from && (d->t[i - 1].cls == TOK_NUM || count_at(d, i - 1, to) > 0 ||
                         tok_is(d, i - 1, "cac") || tok_is(d, i - 1, "nhung")))
            continue;
        struct when w = parse_when(lx, d, i, to, meeting);
        if (!w.ok || w.day == DAY_NONE)
            continue;
        r.found = true;
        r.day = w.day;
        r.from = i;
        r.to = w.end;
        return r;
    }
    return r;
}
