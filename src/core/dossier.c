/*
 * core/dossier.c - the as-of tally of dossiers and petitions; the rule is in
 * dossier.h.
 *
 * Seen from t = min(period end, as-of day): a result returned after t has
 * not happened yet, so a report for August read on 7 September counts a
 * dossier returned on 5 September as still open at 31 August, and the same
 * report read again later gives the same figures.
 */
#include "core/dossier.h"

#include <string.h>

const char dossier_rate_formula[] =
    "đúng hạn / (đã giải quyết đúng hạn + đã giải quyết quá hạn + chưa giải quyết quá hạn)";

void dossier_tally_add(struct dossier_tally *t, day_num received, day_num due, day_num returned,
                       day_num from, day_num to, day_num as_of)
{
    day_num end = to < as_of ? to : as_of;
    if (received == DAY_NONE || received > end)
        return;
    if (returned != DAY_NONE && returned < from)
        return;
    if (received < from)
        t->carried++;
    else
        t->received++;
    if (returned != DAY_NONE && returned <= end) {
        if (due == DAY_NONE || returned <= due)
            t->done_on_time++;
        else
            t->done_late++;
    } else if (due == DAY_NONE || end <= due) {
        t->open_in_time++;
    } else {
        t->open_overdue++;
    }
}

int64_t dossier_tally_in_hand(const struct dossier_tally *t)
{
    return t->carried + t->received;
}

bool dossier_tally_on_time(const struct dossier_tally *t, int64_t *tenths)
{
    int64_t base = t->done_on_time + t->done_late + t->open_overdue;
    if (base <= 0)
        return false;
    *tenths = (t->done_on_time * 2000 + base) / (base * 2);
    return true;
}

static const struct {
    enum petition_kind kind;
    const char *name, *label, *folded;
} kinds[] = {
    {PETITION_COMPLAINT, "khieu_nai", "Khiếu nại", "khieu nai"},
    {PETITION_DENUNCIATION, "to_cao", "Tố cáo", "to cao"},
    {PETITION_PROPOSAL, "kien_nghi", "Kiến nghị, phản ánh", "kien nghi"},
    {PETITION_VOTER, "cu_tri", "Kiến nghị cử tri", "cu tri"},
};

const char *petition_kind_name(enum petition_kind k)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].kind == k)
            return kinds[i].name;
    return "?";
}

const char *petition_kind_label(enum petition_kind k)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (kinds[i].kind == k)
            return kinds[i].label;
    return "?";
}

int petition_kind_from_name(const char *s)
{
    if (!s)
        return 0;
    /* Voter petitions first: "kiến nghị cử tri" also contains "kiến nghị". */
    for (size_t i = sizeof kinds / sizeof kinds[0]; i-- > 0;)
        if (strcmp(s, kinds[i].name) == 0 || strcmp(s, kinds[i].label) == 0 ||
            strstr(s, kinds[i].folded))
            return kinds[i].kind;
    return 0;
}
