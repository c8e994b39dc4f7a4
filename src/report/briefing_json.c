/*
 * report/briefing_json.c - the briefing report as JSON (jansson).
 *
 * Counts are integers; indicator figures are numbers in the indicator's
 * measure (thousandths divided back) with the Vietnamese text beside them,
 * so a program reads the value and a person the text, and neither has to
 * re-derive the other. Key order is fixed (JSON_PRESERVE_ORDER), so the
 * output can be compared with a golden file.
 */
#include <stdio.h>

#include "report/report_int.h"

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *day_json(day_num d)
{
    char b[16];
    return d == DAY_NONE ? json_null() : json_string(day_format_iso(d, b));
}

static json_t *rate_json(bool has, int64_t tenths, const char *formula)
{
    char p[32];
    json_t *r = json_object();
    json_object_set_new(r, "value", has ? json_real((double)tenths / 10.0) : json_null());
    json_object_set_new(r, "text", json_string(rep_percent(p, has, tenths)));
    if (formula)
        json_object_set_new(r, "formula", json_string(formula));
    return r;
}

static json_t *counts_json(const int64_t *c)
{
    json_t *j = json_object();
    json_object_set_new(j, "assigned", json_integer(c[CNT_ASSIGNED]));
    json_object_set_new(j, "done_before", json_integer(c[CNT_DONE_BEFORE]));
    json_object_set_new(j, "done_on_day", json_integer(c[CNT_DONE_ON_DAY]));
    json_object_set_new(j, "done_late", json_integer(c[CNT_DONE_LATE]));
    json_object_set_new(j, "open_in_time", json_integer(c[CNT_OPEN_IN_TIME]));
    json_object_set_new(j, "due_soon", json_integer(c[CNT_DUE_SOON]));
    json_object_set_new(j, "open_overdue", json_integer(c[CNT_OPEN_OVERDUE]));
    json_object_set_new(j, "no_deadline_done", json_integer(c[CNT_NODL_DONE]));
    json_object_set_new(j, "no_deadline_open", json_integer(c[CNT_NODL_OPEN]));
    json_object_set_new(j, "awaiting_confirmation", json_integer(c[CNT_AWAITING]));
    json_object_set_new(j, "cancelled", json_integer(c[CNT_CANCELLED]));
    int64_t tenths;
    bool has = summary_on_time_tenths(c, &tenths);
    json_object_set_new(j, "on_time_rate", rate_json(has, tenths, summary_rate_formula));
    return j;
}

static json_t *tally_json(const struct dossier_tally *t)
{
    json_t *j = json_object();
    json_object_set_new(j, "carried", json_integer(t->carried));
    json_object_set_new(j, "received", json_integer(t->received));
    json_object_set_new(j, "in_hand", json_integer(dossier_tally_in_hand(t)));
    json_object_set_new(j, "done_on_time", json_integer(t->done_on_time));
    json_object_set_new(j, "done_late", json_integer(t->done_late));
    json_object_set_new(j, "open_in_time", json_integer(t->open_in_time));
    json_object_set_new(j, "open_overdue", json_integer(t->open_overdue));
    int64_t tenths = 0;
    bool has = dossier_tally_on_time(t, &tenths);
    json_object_set_new(j, "on_time_rate", rate_json(has, tenths, dossier_rate_formula));
    char a[32], b[32], txt[80];
    snprintf(txt, sizeof txt, "%s/%s", rep_count(a, t->done_on_time + t->done_late),
             rep_count(b, dossier_tally_in_hand(t)));
    json_object_set_new(j, "resolved_text", json_string(txt));
    return j;
}

static json_t *figure_json(const struct indicator_figure *f)
{
    char t[48];
    json_t *j = json_object();
    json_object_set_new(j, "value", f->has ? json_real((double)f->value / 1000.0) : json_null());
    json_object_set_new(j, "text", json_string(rep_figure(t, f)));
    if (f->has)
        json_object_set_new(j, "month", json_integer(f->month));
    return j;
}

json_t *briefing_json(const struct briefing *b)
{
    json_t *j = json_object();
    json_t *u = json_object();
    json_object_set_new(u, "id", json_integer(b->unit_id));
    json_object_set_new(u, "name", str_or_null(b->unit_name));
    json_object_set_new(u, "short_name", str_or_null(b->unit_short));
    json_object_set_new(u, "head_name", str_or_null(b->head_name));
    json_object_set_new(u, "head_title", str_or_null(b->head_title));
    json_object_set_new(j, "unit", u);
    char m[16];
    snprintf(m, sizeof m, "%04d-%02d", b->year, b->month);
    json_object_set_new(j, "month", json_string(m));
    json_object_set_new(j, "from", day_json(b->from));
    json_object_set_new(j, "to", day_json(b->to));
    json_object_set_new(j, "as_of", day_json(b->as_of));
    json_object_set_new(j, "opening", str_or_null(b->opening));
    json_object_set_new(j, "shortcomings_text", str_or_null(b->shortcomings_text));

    json_t *d = json_object();
    json_object_set_new(d, "incoming", json_integer(b->docs_incoming));
    json_object_set_new(d, "incoming_processed", json_integer(b->docs_processed));
    json_object_set_new(d, "outgoing", json_integer(b->docs_outgoing));
    json_object_set_new(d, "conclusion_notices", json_integer(b->docs_notices));
    json_object_set_new(j, "documents", d);

    json_t *t = counts_json(b->tasks.c);
    json_object_set_new(t, "from_totals", json_boolean(b->tasks.from_totals));
    json_t *bu = json_array();
    for (size_t i = 0; i < b->tasks.n_by_unit; i++) {
        json_t *x = counts_json(b->tasks.by_unit[i].c);
        json_t *xu = json_object();
        json_object_set_new(xu, "id", json_integer(b->tasks.by_unit[i].unit_id));
        json_object_set_new(xu, "name", str_or_null(b->tasks.by_unit[i].name));
        json_object_set_new(x, "unit", xu);
        json_array_append_new(bu, x);
    }
    json_object_set_new(t, "by_unit", bu);
    json_t *ov = json_array();
    for (size_t i = 0; i < b->tasks.n_overdue; i++) {
        const struct overdue_item *o = &b->tasks.overdue[i];
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(o->id));
        json_object_set_new(x, "content", str_or_null(o->content));
        json_object_set_new(x, "lead_unit", str_or_null(o->lead_name));
        json_object_set_new(x, "deadline", day_json(o->deadline));
        json_object_set_new(x, "days_overdue", json_integer(o->days_overdue));
        json_array_append_new(ov, x);
    }
    json_object_set_new(t, "overdue", ov);
    json_object_set_new(j, "tasks", t);

    json_t *ds = json_object();
    json_object_set_new(ds, "month", tally_json(&b->dossiers));
    json_object_set_new(ds, "year_to_date", tally_json(&b->dossiers_ytd));
    json_object_set_new(j, "dossiers", ds);

    json_t *pe = json_array();
    for (int k = 1; k < PETITION_KIND_N; k++) {
        json_t *x = json_object();
        json_object_set_new(x, "kind", json_string(petition_kind_name((enum petition_kind)k)));
        json_object_set_new(x, "label", json_string(petition_kind_label((enum petition_kind)k)));
        json_object_set_new(x, "month", tally_json(&b->petitions[k]));
        json_object_set_new(x, "year_to_date", tally_json(&b->petitions_ytd[k]));
        json_array_append_new(pe, x);
    }
    json_object_set_new(j, "petitions", pe);

    json_t *in = json_array();
    for (size_t i = 0; i < b->n_indicators; i++) {
        const struct briefing_indicator *bi = &b->indicators[i];
        json_t *x = json_object();
        json_object_set_new(x, "code", str_or_null(bi->ind.code));
        json_object_set_new(x, "name", str_or_null(bi->ind.name));
        json_object_set_new(x, "measure", str_or_null(bi->ind.measure));
        json_object_set_new(x, "ytd_rule", json_string(indicator_ytd_name(bi->ind.ytd)));
        json_object_set_new(x, "period_text", str_or_null(bi->period_text));
        json_object_set_new(x, "month_value", figure_json(&bi->month_value));
        json_object_set_new(x, "year_to_date", figure_json(&bi->ytd));
        json_object_set_new(x, "same_period_last_year", figure_json(&bi->ytd_prev));
        json_object_set_new(x, "plan", figure_json(&bi->plan));
        json_object_set_new(x, "percent_of_last_year",
                            rate_json(bi->has_pct_prev, bi->pct_prev, NULL));
        json_object_set_new(x, "compare_text", str_or_null(bi->compare_text));
        json_object_set_new(x, "percent_of_plan", rate_json(bi->has_pct_plan, bi->pct_plan, NULL));
        json_object_set_new(x, "plan_text", str_or_null(bi->plan_text));
        json_array_append_new(in, x);
    }
    json_object_set_new(j, "indicators", in);

    json_t *sc = json_array();
    for (size_t i = 0; i < b->n_shortcomings; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "unit_id", json_integer(b->shortcomings[i].unit_id));
        json_object_set_new(x, "unit", str_or_null(b->shortcomings[i].unit_name));
        json_object_set_new(x, "open_overdue", json_integer(b->shortcomings[i].open_overdue));
        json_object_set_new(x, "done_late", json_integer(b->shortcomings[i].done_late));
        json_array_append_new(sc, x);
    }
    json_object_set_new(j, "shortcomings", sc);

    json_t *dn = json_array();
    for (size_t i = 0; i < b->n_due_next; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_integer(b->due_next[i].id));
        json_object_set_new(x, "content", str_or_null(b->due_next[i].content));
        json_object_set_new(x, "lead_unit", str_or_null(b->due_next[i].lead_name));
        json_object_set_new(x, "deadline", day_json(b->due_next[i].deadline));
        json_array_append_new(dn, x);
    }
    json_object_set_new(j, "due_next_month", dn);
    return j;
}
