/*
 * extract/extract.c - the pipeline: region, items, roles, tasks.
 *
 * 1. The text is cleaned (UTF-8, NFC: text_clean) and folded into tokens.
 * 2. The conclusion is found: from the sentence holding a "start" phrase of
 *    the lexicon ("kết luận như sau", "kết luận tại hội nghị") to a "stop"
 *    phrase ("Nơi nhận"); without one, the whole text.
 * 3. It is cut where notices cut it: lines with item marks (I., 1., 2.1.,
 *    a), -, +), sentences, ';' pieces, and ':' heads. A head ("Giao Phòng
 *    TN&MT:", "Hoàn thành trước ngày 30/9 các việc sau:") passes its unit
 *    and deadline to the items under it; a piece with no unit takes the last
 *    unit named in its paragraph; a piece holding only a deadline gives it to
 *    the items before it that have none.
 * 4. In each piece the lead-in (what precedes "đề nghị", "yêu cầu", "giao")
 *    is dropped; units before the first verb are the lead (the first) and
 *    coordinators (the others); units after "phối hợp (với)" coordinate;
 *    units after "tham mưu", "báo cáo" receive and are not assigned. A unit
 *    named after the first verb and followed by a verb of its own starts a
 *    second task ("Phòng A rà soát X, Phòng B kiểm tra Y").
 * 5. Pieces with no verb, starting with praise or exhortation, or reporting
 *    what was done ("đã") are not tasks.
 * Every decision reads a lexicon kind; no Vietnamese word is compared here.
 */
#include "extract/extract.h"

#include <string.h>

#include "extract/extract_int.h"
#include "text/normalize.h"

#define MAX_COORD 16
#define MAX_HEADS 16

/* What a head or an earlier piece passes down. */
struct info {
    bool has_lead;
    struct mention lead;
    struct mention coord[MAX_COORD];
    bool coord_subject[MAX_COORD]; /* named beside the lead, not after "phối hợp" */
    size_t n_coord;
    struct deadline dl;
    bool recurring;
    size_t recur_from, recur_to; /* tokens of the recurring phrase, for deadline_text */
};

struct head {
    int level;
    struct info info;
    size_t first_task;
    /* "2. Tổ chức đối thoại với các hộ dân:" followed only by "Đơn vị chủ trì: ...",
     * "Thời gian hoàn thành: ..." lines: the head is the task. Emitted when the head
     * ends with no task under it. */
    bool task;
    size_t c_from, c_to;
};

struct run {
    struct arena *a;
    const struct lexicon *lx;
    const struct extract_dir *dir;
    struct doc d;
    day_num meeting;
    int *mention_of; /* token -> index in `m` of the mention covering it, or -1 */
    struct mention *m;
    size_t n_m;
    struct extract_task *tasks;
    size_t n_tasks, cap_tasks;
    struct head heads[MAX_HEADS];
    size_t n_heads;
    struct info para; /* the last lead named in this paragraph */
    size_t para_first_task, sent_first_task;
    bool cont_sentence; /* a "Trong đó, ..." sentence: its ';' pieces detail the task before */
};

static bool punct_is(const struct doc *d, size_t i, char c)
{
    return i < d->n && d->t[i].cls == TOK_PUNCT && d->fold[d->t[i].f] == c;
}

static size_t lex(const struct run *r, size_t i, size_t end, int kind)
{
    return phrase_match(r->lx->phrases, &r->d, i, end, KIND(kind)).end;
}

static struct extract_span span_of(const struct doc *d, size_t from, size_t to)
{
    if (from >= to || to > d->n)
        return (struct extract_span){0, 0};
    return (struct extract_span){d->t[from].s, d->t[to - 1].send - d->t[from].s};
}

static const char *span_text(struct run *r, struct extract_span s)
{
    return arena_strndup(r->a, r->d.src + s.start, s.len);
}

/* ---- item marks and levels ------------------------------------------------------------ */

/* The mark at the start of a line: its style ('R', '1', '2', '3', 'a', '-', '+', '*') and end. */
static char item_mark(const struct doc *d, size_t i, size_t end, size_t *after)
{
    const struct tok *t = &d->t[i];
    if (t->cls == TOK_PUNCT) {
        char c = d->fold[t->f];
        if (c == '-' || c == '+' || c == '*') {
            *after = i + 1;
            return c;
        }
        return 0;
    }
    if (t->cls == TOK_NUM && t->flen <= 2) {
        size_t k = i + 1;
        int depth = 1;
        while (k + 1 < end && punct_is(d, k, '.') && d->t[k + 1].cls == TOK_NUM &&
               d->t[k + 1].glued && depth < 3) {
            k += 2;
            depth++;
        }
        if (k < end && (punct_is(d, k, '.') || punct_is(d, k, ')')) && d->t[k].glued) {
            *after = k + 1;
            return (char)('0' + depth);
        }
        if (depth > 1) { /* "2.1 Phòng..." without the last dot */
            *after = k;
            return (char)('0' + depth);
        }
        return 0;
    }
    if (t->cls == TOK_WORD && i + 1 < end && d->t[i + 1].glued &&
        (punct_is(d, i + 1, '.') || punct_is(d, i + 1, ')'))) {
        static const char *const roman[] = {"i",  "ii",  "iii",  "iv", "v",
                                            "vi", "vii", "viii", "ix", "x"};
        for (size_t k = 0; k < sizeof roman / sizeof roman[0]; k++)
            if (tok_is(d, i, roman[k]) && t->upper) {
                *after = i + 2;
                return 'R';
            }
        if (t->flen == 1 && !t->upper && d->t[i].send - d->t[i].s <= 2) {
            *after = i + 2;
            return 'a';
        }
    }
    return 0;
}

/* ---- tasks ---------------------------------------------------------------------------- */

static const char *unit_name(struct run *r, const struct mention *m, int64_t *id, bool *known,
                             struct extract_span *sp)
{
    *sp = span_of(&r->d, m->from, m->to);
    const char *n = m->unit >= 0 ? dir_unit_name(r->dir, m->unit) : NULL;
    *id = m->unit >= 0 ? dir_unit_id(r->dir, m->unit) : 0;
    *known = n != NULL;
    if (!n && m->place) /* "huyện Chương Mỹ" acting: its People's Committee */
        return arena_printf(r->a, "UBND %s", span_text(r, *sp));
    return n ? n : span_text(r, *sp);
}

static void add_reason(struct run *r, const char **reason, const char *why)
{
    *reason = *reason ? arena_printf(r->a, "%s; %s", *reason, why) : why;
}

static void emit(struct run *r, size_t c_from, size_t c_to, const struct info *own,
                 const struct info *inh, bool lead_inherited)
{
    r->tasks = arena_grow(r->a, r->tasks, &r->cap_tasks, r->n_tasks + 1, sizeof *r->tasks);
    struct extract_task *t = &r->tasks[r->n_tasks++];
    memset(t, 0, sizeof *t);
    t->content_span = span_of(&r->d, c_from, c_to);
    t->content = span_text(r, t->content_span);
    t->deadline = DAY_NONE;
    t->deadline_minute = -1;
    double conf = 1.0;
    const char *reason = NULL;

    const struct info *li = own->has_lead ? own : inh;
    if (li->has_lead) {
        t->lead = unit_name(r, &li->lead, &t->lead_id, &t->lead_known, &t->lead_span);
        if (li->lead.group) {
            conf -= 0.15;
            add_reason(r, &reason, "đơn vị chủ trì là một nhóm chung, cần chọn đơn vị cụ thể");
        } else if (!t->lead_known) {
            conf -= r->dir ? 0.2 : 0.1;
            add_reason(r, &reason, "đơn vị chủ trì không có trong danh mục đơn vị");
        }
        if (lead_inherited)
            conf -= 0.05;
    } else {
        conf -= 0.35;
        add_reason(r, &reason, "không tìm thấy đơn vị chủ trì");
    }
    const struct info *ci = own->n_coord ? own : (own->has_lead ? own : inh);
    if (ci->n_coord) {
        t->n_coordinating = ci->n_coord;
        t->coordinating = arena_alloc(r->a, ci->n_coord * sizeof *t->coordinating);
        t->coordinating_ids = arena_alloc(r->a, ci->n_coord * sizeof *t->coordinating_ids);
        t->coordinating_spans = arena_alloc(r->a, ci->n_coord * sizeof *t->coordinating_spans);
        size_t n = 0;
        for (size_t k = 0; k < ci->n_coord; k++) {
            bool known;
            const struct mention *m = &ci->coord[k];
            bool dup = m->unit >= 0 && li->has_lead && li->lead.unit == m->unit;
            for (size_t j = 0; j < k && !dup; j++)
                dup = m->unit >= 0 && ci->coord[j].unit == m->unit;
            if (dup) /* the lead or a unit already listed, named again */
                continue;
            t->coordinating[n] =
                unit_name(r, m, &t->coordinating_ids[n], &known, &t->coordinating_spans[n]);
            n++;
        }
        t->n_coordinating = n;
    }
    const struct deadline *dl = own->dl.found ? &own->dl : inh->dl.found ? &inh->dl : NULL;
    if (dl) {
        t->deadline = dl->day;
        t->deadline_minute = dl->day != DAY_NONE ? dl->minute : -1;
        t->deadline_span = span_of(&r->d, dl->from, dl->to);
        t->deadline_text = span_text(r, t->deadline_span);
        if (dl->from_meeting) {
            conf -= 0.15; /* below 0.9: the reason is shown, for the clerk to check the day */
            add_reason(r, &reason, "thời hạn tính từ ngày họp (số ngày, ngày làm việc): "
                                   "đối chiếu với ngày ban hành thông báo");
        } else if (dl->day == DAY_NONE) {
            t->needs_date = true;
            conf -= 0.2;
            add_reason(r, &reason,
                       dl->relative
                           ? "thời hạn tính từ một sự kiện (số ngày, ngày làm việc): cần xác định ngày"
                           : "thời hạn không xác định được ngày (thiếu năm hoặc ngày họp)");
        }
    }
    const struct info *ri = own->recurring ? own : inh->recurring ? inh : NULL;
    if (ri && !(dl && dl->relative)) {
        t->recurring = true;
        if (!dl) {
            t->deadline_span = span_of(&r->d, ri->recur_from, ri->recur_to);
            t->deadline_text = span_text(r, t->deadline_span);
        }
    } else if (!dl && own->recur_to > own->recur_from) { /* "kịp thời": no date, said so */
        t->deadline_span = span_of(&r->d, own->recur_from, own->recur_to);
        t->deadline_text = span_text(r, t->deadline_span);
    }
    size_t words = 0;
    for (size_t i = c_from; i < c_to; i++)
        words += r->d.t[i].cls != TOK_PUNCT;
    if (words < 4) {
        conf -= 0.2;
        add_reason(r, &reason, "nội dung quá ngắn");
    } else if (words > 90) {
        conf -= 0.1;
        add_reason(r, &reason, "nội dung dài, có thể gồm nhiều việc");
    }
    t->confidence = conf < 0.05 ? 0.05 : conf;
    t->reason = t->confidence < 0.9 ? reason : NULL;
}

/* The innermost head's info merged: the nearest head with a lead, with a deadline... */
static void inherited(const struct run *r, struct info *out, bool *from_para)
{
    memset(out, 0, sizeof *out);
    *from_para = false;
    for (size_t h = r->n_heads; h-- > 0;) {
        const struct info *hi = &r->heads[h].info;
        if (!out->has_lead && hi->has_lead) {
            out->has_lead = true;
            out->lead = hi->lead;
            memcpy(out->coord, hi->coord, sizeof hi->coord);
            memcpy(out->coord_subject, hi->coord_subject, sizeof hi->coord_subject);
            out->n_coord = hi->n_coord;
        }
        if (!out->dl.found && hi->dl.found)
            out->dl = hi->dl;
        if (!out->recurring && hi->recurring) {
            out->recurring = true;
            out->recur_from = hi->recur_from;
            out->recur_to = hi->recur_to;
        }
    }
    if (!out->has_lead && r->para.has_lead) {
        out->has_lead = true;
        /* The unit named earlier in the paragraph leads again; its coordinators were
         * for its own job ("A chủ trì, phối hợp với B làm X; đồng thời tham mưu Y"). */
        out->lead = r->para.lead;
        out->n_coord = 0;
        for (size_t k = 0; k < r->para.n_coord; k++)
            if (r->para.coord_subject[k]) {
                out->coord_subject[out->n_coord] = true;
                out->coord[out->n_coord++] = r->para.coord[k];
            }
        *from_para = true;
    }
}

enum piece_kind { PIECE_ITEM, PIECE_HEAD, PIECE_LINE_HEAD };

static void piece(struct run *r, size_t s, size_t e, enum piece_kind kind, int level,
                  bool line_first, int depth);

/* Read the roles in [s, e): lead-in, lead, coordinators, first verb, a split point. */
struct roles {
    size_t cs;           /* after the lead-in */
    size_t first_verb;   /* SIZE_MAX: none */
    size_t last_subject; /* token after the last subject mention, 0: none */
    size_t first_plain;  /* first word after the lead-in that no unit, cue or joiner claims */
    size_t split_at,
        split_from; /* a second unit with its own job: [s, split_at) + [split_from, e) */
    bool past;
};

static void read_roles(struct run *r, size_t s, size_t e, struct info *own, struct roles *ro)
{
    const struct doc *d = &r->d;
    memset(ro, 0, sizeof *ro);
    ro->first_verb = SIZE_MAX;
    ro->cs = s;
    /* The lead-in: the last "đề nghị"/"yêu cầu"/"giao" before the first verb. */
    for (size_t i = s; i < e;) {
        int mi = r->mention_of[i];
        size_t k;
        if (mi >= 0) {
            i = r->m[mi].to;
            /* "đồng chí Chủ tịch UBND xã (đã thống nhất,) chỉ đạo các chuyên môn ...": a titled
             * unit that speaks is the speaker; who follows is addressed. */
            size_t j = i;
            if (j < e && lex(r, j, e, LEX_PAST))
                j = lex(r, j, e, LEX_PAST);
            if (r->m[mi].titled && !lex(r, j, e, LEX_START) && !lex(r, j, e, LEX_STARTWEAK) &&
                (k = lex(r, j, e, LEX_SPEAK))) {
                ro->cs = k;
                i = k;
            }
            continue;
        }
        if ((k = lex(r, i, e, LEX_LEADIN)) || (k = lex(r, i, e, LEX_START)) ||
            (k = lex(r, i, e, LEX_STARTWEAK))) {
            ro->cs = k;
            i = k;
            continue;
        }
        if (lex(r, i, e, LEX_VERB) || lex(r, i, e, LEX_RECIP) || lex(r, i, e, LEX_COORD) ||
            lex(r, i, e, LEX_LEADCUE))
            break;
        i++;
    }
    /* "Lắng nghe ..., đồng chí Chủ tịch Hồ Quang Huy yêu cầu mỗi cơ quan, đơn vị ...": a
     * lead-in after a verb counts when a name precedes it and a unit follows it. */
    for (size_t i = ro->cs + 1; i < e; i++) {
        if (r->mention_of[i] >= 0) {
            i = r->m[r->mention_of[i]].to - 1;
            continue;
        }
        size_t k = lex(r, i, e, LEX_LEADIN);
        /* "..., giao Sở Xây dựng chủ trì", "đã có công văn giao Sở GTVT": after a comma or a
         * document's name too. */
        bool doc_before = i >= 2 && tok_is(d, i - 1, "van") &&
                          (tok_is(d, i - 2, "cong") || tok_is(d, i - 2, "ban"));
        bool past_before = phrase_match(r->lx->phrases, d, i - 1, i, KIND(LEX_PAST)).end == i;
        if (k && k < e && r->mention_of[k] >= 0 && r->m[r->mention_of[k]].from <= k &&
            (d->t[i - 1].upper || r->mention_of[i - 1] >= 0 || punct_is(d, i - 1, ',') ||
             doc_before || past_before)) {
            ro->cs = k;
            break;
        }
    }
    bool coord = false, recip = false;
    size_t prev_sep = SIZE_MAX; /* token index of the last ',' / "và" seen */
    ro->first_plain = SIZE_MAX;
    for (size_t i = ro->cs; i < e;) {
        int mi = r->mention_of[i];
        size_t k;
        if (mi >= 0 && r->m[mi].from >= i) {
            const struct mention *m = &r->m[mi];
            bool leads = lex(r, m->to, e, LEX_LEADCUE) != 0;
            if (coord) {
                if (own->n_coord < MAX_COORD)
                    own->coord[own->n_coord++] = *m;
            } else if (recip || m->host) {
                /* the addressee of reports, or the assigning unit itself */
            } else if (ro->first_verb == SIZE_MAX || leads) {
                if (ro->first_verb != SIZE_MAX && !ro->split_at && own->has_lead &&
                    prev_sep == i - 1) {
                    ro->split_at = i - 1;
                    ro->split_from = i;
                } else if (!own->has_lead) {
                    own->has_lead = true;
                    own->lead = *m;
                } else if (own->n_coord < MAX_COORD) {
                    own->coord_subject[own->n_coord] = true;
                    own->coord[own->n_coord++] = *m;
                }
                ro->last_subject = m->to;
            } else if (lex(r, m->to, e, LEX_COORD) && own->n_coord < MAX_COORD) {
                /* "(Trung tâm PTQĐ chủ trì, UBND phường Nghi Thu phối hợp)" */
                own->coord_subject[own->n_coord] = false;
                own->coord[own->n_coord++] = *m;
            } else if (!ro->split_at && prev_sep == i - 1 &&
                       (lex(r, m->to, e, LEX_VERB) || leads) &&
                       !(ro->first_verb != SIZE_MAX && lex(r, ro->first_verb, e, LEX_DIRECT) &&
                         !leads)) {
                /* not after "chỉ đạo A, B làm ...": A and B are both told */
                ro->split_at = i - 1;
                ro->split_from = i;
            }
            i = m->to;
            continue;
        }
        /* "phối hợp với các sở QHKT, Xây dựng, ...": a capitalised verb in a list of
         * coordinators is a department's name. */
        if (coord && d->t[i].upper && i > 0 && punct_is(d, i - 1, ',') &&
            (k = lex(r, i, e, LEX_VERB))) {
            i = k;
            continue;
        }
        if ((k = lex(r, i, e, LEX_COORD))) {
            coord = true;
            recip = false;
            i = k;
            continue;
        }
        if ((k = lex(r, i, e, LEX_LEADCUE))) {
            coord = recip = false;
            i = k;
            continue;
        }
        if ((k = lex(r, i, e, LEX_RECIP))) {
            if (ro->first_verb == SIZE_MAX)
                ro->first_verb = i;
            recip = true;
            coord = false;
            i = k;
            continue;
        }
        if (ro->first_verb == SIZE_MAX && lex(r, i, e, LEX_PAST))
            ro->past = true;
        if ((k = lex(r, i, e, LEX_VERB))) {
            if (ro->first_verb == SIZE_MAX)
                ro->first_verb = i;
            coord = recip = false;
            i = k;
            continue;
        }
        if ((k = lex(r, i, e, LEX_CONJ))) {
            prev_sep = k - 1;
            i = k;
            continue;
        }
        if (punct_is(d, i, ',') || punct_is(d, i, ';')) {
            prev_sep = i;
            i++;
            continue;
        }
        if (d->t[i].cls != TOK_PUNCT && !lex(r, i, e, LEX_TITLE)) {
            coord = recip = false;
            if (ro->first_plain == SIZE_MAX)
                ro->first_plain = i;
        }
        i++;
    }
}

static void scan_time(struct run *r, size_t s, size_t e, struct info *own)
{
    own->dl = deadline_scan(r->lx, &r->d, s, e, r->meeting);
    for (size_t i = s; i < e; i++) {
        size_t k;
        if ((k = lex(r, i, e, LEX_RECUR)) &&
            !(i > s && phrase_match(r->lx->phrases, &r->d, i - 1, i, KIND(LEX_DLNOT)).end)) {
            own->recurring = true;
            own->recur_from = i;
            own->recur_to = k;
            return;
        }
    }
    for (size_t i = s; i < e; i++) {
        size_t k;
        if ((k = lex(r, i, e, LEX_NODATE))) {
            own->recur_from = i;
            own->recur_to = k;
            return;
        }
    }
}

static void push_head(struct run *r, int level, const struct info *info)
{
    if (r->n_heads == MAX_HEADS)
        return;
    struct head *h = &r->heads[r->n_heads++];
    memset(h, 0, sizeof *h);
    h->level = level;
    h->info = *info;
    h->first_task = r->n_tasks;
}

static void inherited(const struct run *r, struct info *out, bool *from_para);

/* Close the innermost head; a head that reads as a task and got none under it is one. */
static void pop_head(struct run *r)
{
    struct head h = r->heads[--r->n_heads];
    if (h.task && h.first_task == r->n_tasks) {
        struct info inh;
        bool from_para;
        inherited(r, &inh, &from_para);
        emit(r, h.c_from, h.c_to, &h.info, &inh, false);
    }
}

/* "Đơn vị chủ trì: UBND phường Nghi Hương", "Đơn vị phối hợp: ...": fields of the head above. */
static bool field_line(struct run *r, size_t s, size_t e)
{
    size_t k = lex(r, s, e, LEX_FIELDLEAD);
    bool lead = k != 0;
    if (!k)
        k = lex(r, s, e, LEX_FIELDCOORD);
    if (!k || !punct_is(&r->d, k, ':') || !r->n_heads)
        return false;
    struct info *hi = &r->heads[r->n_heads - 1].info;
    for (size_t i = k + 1; i < e; i++) {
        int mi = r->mention_of[i];
        if (mi < 0 || r->m[mi].from < i)
            continue;
        if (lead && !hi->has_lead) {
            hi->has_lead = true;
            hi->lead = r->m[mi];
        } else if (hi->n_coord < MAX_COORD) {
            hi->coord_subject[hi->n_coord] = false;
            hi->coord[hi->n_coord++] = r->m[mi];
        }
        i = r->m[mi].to - 1;
    }
    return true;
}

static void piece(struct run *r, size_t s, size_t e, enum piece_kind kind, int level,
                  bool line_first, int depth)
{
    const struct doc *d = &r->d;
    while (s < e && d->t[s].cls == TOK_PUNCT && !punct_is(d, s, '"'))
        s++;
    while (e > s && d->t[e - 1].cls == TOK_PUNCT)
        e--;
    if (s >= e) {
        if (kind != PIECE_ITEM)
            push_head(r, level, &(struct info){0});
        return;
    }
    /* "...; đặc biệt là ..." goes on with the item before; so does a sentence opening with
     * "Trong đó, ..." in the same paragraph, and the ';' pieces after it in its sentence. */
    bool cont = lex(r, s, e, LEX_CONT) != 0;
    if (kind == PIECE_ITEM && r->n_tasks > r->para_first_task &&
        ((cont && !line_first && (r->n_tasks > r->sent_first_task || d->t[s].upper)) ||
         (!line_first && r->cont_sentence))) {
        if (cont && r->n_tasks == r->sent_first_task)
            r->cont_sentence = true; /* a "Trong đó, ..." sentence of its own */
        /* "...; đặc biệt là ...": the same item goes on */
        struct extract_task *t = &r->tasks[r->n_tasks - 1];
        t->content_span.len = d->t[e - 1].send - t->content_span.start;
        t->content = span_text(r, t->content_span);
        return;
    }
    struct info own;
    memset(&own, 0, sizeof own);
    struct roles ro;
    read_roles(r, s, e, &own, &ro);
    if (ro.split_at && depth < 8 && kind == PIECE_ITEM) {
        piece(r, s, ro.split_at, kind, level, line_first, depth + 1);
        piece(r, ro.split_from, e, kind, level, false, depth + 1);
        return;
    }
    /* "Giao Công an thành phố chủ trì, phối hợp với ... mở đợt cao điểm ...": a unit given
     * the work by a lead-in makes a task even when its verb is not in the lexicon. */
    if (ro.first_verb == SIZE_MAX && own.has_lead && ro.cs > s && ro.first_plain < e)
        ro.first_verb = ro.first_plain;
    scan_time(r, s, e, &own);
    if (kind != PIECE_ITEM && !own.dl.found && !own.recurring)
        own.dl = deadline_period(r->lx, d, s, e, r->meeting); /* "nội dung trọng tâm tháng 8:" */
    if (kind != PIECE_ITEM) {
        push_head(r, level, &own);
        size_t c_from = ro.cs;
        if (ro.last_subject && ro.first_verb != SIZE_MAX && ro.first_verb >= ro.last_subject)
            c_from = ro.first_verb;
        if (kind == PIECE_LINE_HEAD && ro.first_verb != SIZE_MAX && !ro.past && r->n_heads &&
            r->heads[r->n_heads - 1].level == level) {
            struct head *h = &r->heads[r->n_heads - 1];
            h->task = true;
            h->c_from = c_from;
            h->c_to = e;
        }
        return;
    }
    if (field_line(r, s, e))
        return;
    /* A heading in title case on a line of its own ("Công Tác Cập Nhật Thủ Tục Hành Chính"). */
    if (line_first && (e >= d->n || d->t[e].nl)) {
        size_t words = 0, caps = 0;
        for (size_t k = s; k < e; k++)
            if (d->t[k].cls == TOK_WORD) {
                words++;
                caps += d->t[k].upper;
            }
        if (words >= 3 && caps == words && !own.has_lead)
            return;
    }
    /* The first word that is not a unit: praise and exhortation are no tasks. */
    size_t w = ro.cs;
    while (w < e && (r->mention_of[w] >= 0 || d->t[w].cls == TOK_PUNCT || lex(r, w, e, LEX_CONJ)))
        w = r->mention_of[w] >= 0 ? r->m[r->mention_of[w]].to : w + 1;
    bool noise = false;
    for (size_t k = w; k < e && k < w + 3 && !noise; k++)
        noise = lex(r, k, e, LEX_NOISE) != 0;
    size_t words = 0;
    for (size_t k = s; k < e; k++)
        words += d->t[k].cls != TOK_PUNCT;
    if (words < 4 && !own.has_lead && !own.dl.found)
        return; /* a byline, a caption, a button label */
    if (noise && own.has_lead) {
        r->para = own; /* "yêu cầu các đơn vị phát huy ...; ..." still names who is meant */
        r->para.dl.found = r->para.recurring = false;
    }
    /* "Thời hạn báo cáo kết quả các nội dung trên: trước ngày 05/11/2020": a line that opens
     * with a cue and ends with its date gives a deadline, it is no task. */
    bool dl_only = own.dl.found && !own.has_lead && own.dl.to >= e && lex(r, s, e, LEX_DLCUE);
    if (ro.first_verb == SIZE_MAX || noise || ro.past || dl_only) {
        if ((ro.first_verb == SIZE_MAX || dl_only) && !noise && (own.dl.found || own.recurring)) {
            /* "Thời hạn hoàn thành: trước ngày 30/10": for the items before, in its list */
            size_t from =
                line_first ? (r->n_heads ? r->heads[r->n_heads - 1].first_task : r->para_first_task)
                           : r->sent_first_task;
            if (line_first && r->n_heads && r->heads[r->n_heads - 1].task) {
                struct info *hi = &r->heads[r->n_heads - 1].info;
                if (!hi->dl.found && own.dl.found)
                    hi->dl = own.dl;
                if (!hi->recurring && own.recurring) {
                    hi->recurring = true;
                    hi->recur_from = own.recur_from;
                    hi->recur_to = own.recur_to;
                }
            }
            for (size_t k = from; k < r->n_tasks; k++) {
                struct extract_task *t = &r->tasks[k];
                if (t->deadline_text)
                    continue;
                if (own.dl.found) {
                    t->deadline = own.dl.day;
                    t->deadline_minute = own.dl.day != DAY_NONE ? own.dl.minute : -1;
                    t->deadline_span = span_of(d, own.dl.from, own.dl.to);
                } else {
                    t->recurring = true;
                    t->deadline_span = span_of(d, own.recur_from, own.recur_to);
                }
                t->deadline_text = span_text(r, t->deadline_span);
            }
        }
        return;
    }
    struct info inh;
    bool from_para;
    inherited(r, &inh, &from_para);
    size_t c_from = ro.cs;
    if (ro.last_subject && ro.first_verb != SIZE_MAX && ro.first_verb >= ro.last_subject)
        c_from = ro.first_verb;
    while (c_from < e && (d->t[c_from].cls == TOK_PUNCT || lex(r, c_from, e, LEX_CONJ)))
        c_from++;
    if (c_from >= e)
        return;
    emit(r, c_from, e, &own, &inh, !own.has_lead && inh.has_lead && from_para);
    if (own.has_lead) {
        r->para = own;
        r->para.dl.found = false;
        r->para.recurring = false;
    }
}

/* ---- lines, sentences, pieces --------------------------------------------------------- */

/* Does a '.' at k end a sentence? */
static bool sentence_end(const struct run *r, size_t k, size_t le)
{
    const struct doc *d = &r->d;
    char c = d->fold[d->t[k].f];
    if (c == '!' || c == '?')
        return true;
    if (c != '.')
        return false;
    if (k > 0 && d->t[k - 1].cls == TOK_NUM && k + 1 < le && d->t[k + 1].cls == TOK_NUM &&
        d->t[k].glued && d->t[k + 1].glued)
        return false; /* 1.297.314, 15.9.2020 */
    if (k > 0 && d->t[k].glued && phrase_match(r->lx->phrases, d, k - 1, k, KIND(LEX_NODOT)).end)
        return false; /* TP. Móng Cái */
    size_t j = k + 1;
    while (j < le && d->t[j].cls == TOK_PUNCT && strchr("./", d->fold[d->t[j].f]))
        j++;
    return j >= le || d->t[j].upper || d->t[j].cls == TOK_NUM || punct_is(d, j, '"') ||
           punct_is(d, j, '-');
}

/* Does a ':' at k open a head (not "14:00", not "Thời hạn: 30/9")? */
static bool head_colon(const struct run *r, size_t k, size_t from)
{
    const struct doc *d = &r->d;
    if (k + 1 < d->n && d->t[k + 1].glued && d->t[k + 1].cls == TOK_NUM)
        return false;
    if (phrase_match(r->lx->phrases, d, from, k,
                     KIND(LEX_DLCUE) | KIND(LEX_FIELDLEAD) | KIND(LEX_FIELDCOORD))
            .end)
        return false; /* "Thời hạn hoàn thành: ...", "Đơn vị chủ trì: ..." */
    for (size_t j = k > from + 4 ? k - 4 : from; j < k; j++)
        if (phrase_match(r->lx->phrases, d, j, k, KIND(LEX_DLCUE)).end == k)
            return false;
    return true;
}

static void pop_heads(struct run *r, int level)
{
    while (r->n_heads && r->heads[r->n_heads - 1].level >= level)
        pop_head(r);
}

static void do_line(struct run *r, size_t ls, size_t le, int level, bool *ends_head)
{
    const struct doc *d = &r->d;
    size_t ps = ls;
    bool first = true;
    r->sent_first_task = r->n_tasks;
    r->cont_sentence = false;
    *ends_head = false;
    for (size_t k = ls; k < le; k++) {
        if (d->t[k].cls != TOK_PUNCT)
            continue;
        char c = d->fold[d->t[k].f];
        bool end_sent = (c == '.' || c == '!' || c == '?') && sentence_end(r, k, le);
        if (c == ';' || end_sent) {
            piece(r, ps, k, PIECE_ITEM, level * 2 + 1, first, 0);
            first = false;
            ps = k + 1;
            if (end_sent) {
                r->sent_first_task = r->n_tasks;
                r->cont_sentence = false;
            }
        } else if (c == ':' && head_colon(r, k, ps)) {
            size_t j = k + 1;
            while (j < le && d->t[j].cls == TOK_PUNCT)
                j++;
            bool at_end = j >= le;
            piece(r, ps, k, at_end ? PIECE_LINE_HEAD : PIECE_HEAD, level * 2 + (at_end ? 0 : 1),
                  first, 0);
            *ends_head = at_end;
            first = false;
            ps = k + 1;
        }
    }
    piece(r, ps, le, PIECE_ITEM, level * 2 + 1, first, 0);
    /* Inline heads govern the rest of their line only. */
    pop_heads(r, level * 2 + 1);
}

/* Is there an empty line between token i and the one before it? */
static bool blank_before(const struct doc *d, size_t i)
{
    if (i == 0 || !d->t[i].nl)
        return false;
    int nl = 0;
    for (size_t b = d->t[i - 1].send; b < d->t[i].s; b++)
        nl += d->src[b] == '\n';
    return nl >= 2;
}

static void walk(struct run *r, size_t rs, size_t re)
{
    const struct doc *d = &r->d;
    char styles[8];
    size_t n_styles = 0, list_first_task = 0;
    bool after_head = false, under_head = false, in_list = false;
    for (size_t ls = rs; ls < re;) {
        size_t le = ls + 1;
        while (le < re && !d->t[le].nl)
            le++;
        if (blank_before(d, ls))
            under_head = false;
        size_t after = ls;
        char st = item_mark(d, ls, le, &after);
        int level;
        if (st) {
            size_t k = 0;
            while (k < n_styles && styles[k] != st)
                k++;
            if (k == n_styles) {
                if (n_styles < sizeof styles)
                    styles[n_styles++] = st;
                else
                    k = n_styles - 1;
            }
            n_styles = k + 1;
            level = (int)k + 1;
            pop_heads(r, level * 2);
            if (!in_list)
                list_first_task = r->n_tasks;
            in_list = true;
            under_head = false;
        } else if ((after_head || under_head) && r->n_heads) {
            /* Unmarked lines under a head ("Giao Phòng TN&MT:") are its items. */
            level = r->heads[r->n_heads - 1].level / 2 + 1;
            under_head = true;
        } else {
            level = 0;
            pop_heads(r, -1);
            n_styles = 0;
            if (!in_list)
                list_first_task = r->n_tasks;
            in_list = false;
        }
        memset(&r->para, 0, sizeof r->para);
        r->para_first_task = level == 0 ? list_first_task : r->n_tasks;
        bool ends_head;
        do_line(r, after, le, level, &ends_head);
        after_head = ends_head;
        ls = le;
    }
}

/* The conclusion's tokens: from the sentence with a "start" phrase to a "stop" phrase. */
static void region(const struct run *r, size_t *rs, size_t *re)
{
    const struct doc *d = &r->d;
    *rs = 0;
    *re = d->n;
    /* The first strong start ("... như sau", "kết luận:"), else the first start at all:
     * a notice's title ("Ý kiến kết luận của Chủ tịch...") comes before its body's. */
    size_t first = SIZE_MAX, strong = SIZE_MAX;
    for (size_t i = 0; i < d->n && strong == SIZE_MAX; i++) {
        struct phrase_hit h =
            phrase_match(r->lx->phrases, d, i, d->n, KIND(LEX_START) | KIND(LEX_STARTWEAK));
        if (!h.end)
            continue;
        if (first == SIZE_MAX)
            first = i;
        if (h.kind == LEX_START || punct_is(d, h.end, ':'))
            strong = i;
    }
    size_t s; /* not initialised here: the jump to stop passes it */
    if (strong != SIZE_MAX) {
        /* "Sau khi nghe ..., Chủ tịch kết luận như sau:": the items follow the phrase. */
        size_t k = phrase_match(r->lx->phrases, d, strong, d->n, KIND(LEX_START)).end;
        if (k && (punct_is(d, k, ':') || punct_is(d, k - 1, ':'))) {
            *rs = punct_is(d, k, ':') ? k + 1 : k;
            goto stop;
        }
    }
    s = strong != SIZE_MAX ? strong : first;
    if (s != SIZE_MAX) {
        while (s > 0 && !d->t[s].nl &&
               !(d->t[s - 1].cls == TOK_PUNCT && strchr(".!?", d->fold[d->t[s - 1].f]) &&
                 d->t[s].upper))
            s--;
        *rs = s;
    }
stop:
    for (size_t i = *rs; i < d->n; i++)
        if (d->t[i].nl && phrase_match(r->lx->phrases, d, i, d->n, KIND(LEX_STOP)).end) {
            *re = i;
            break;
        }
}

/*
 * text_clean() normalises to NFC through utf8proc, which costs more than all
 * the rest for a short notice. Text made only of codepoints that NFC leaves
 * alone (below U+0300: no combining marks; the precomposed Vietnamese letters
 * U+1E00-U+1EFF; general punctuation, less the bidi controls) is already NFC:
 * it is only checked for control characters and trimmed, as text_clean would.
 */
static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool already_clean(const char *s, size_t len, const char **out, struct arena *a)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        int32_t cp;
        size_t k;
        if (c < 0x80) {
            cp = c;
            k = 1;
        } else if ((c & 0xe0) == 0xc0 && i + 1 < len) {
            cp = ((c & 0x1f) << 6) | (p[i + 1] & 0x3f);
            k = 2;
        } else if ((c & 0xf0) == 0xe0 && i + 2 < len) {
            cp = ((c & 0x0f) << 12) | ((p[i + 1] & 0x3f) << 6) | (p[i + 2] & 0x3f);
            k = 3;
        } else {
            return false;
        }
        bool ok = (cp >= 0x20 && cp < 0x7f) || cp == '\n' || cp == '\t' || cp == '\r' ||
                  (cp >= 0xa0 && cp < 0x300) || (cp >= 0x1e00 && cp <= 0x1eff) ||
                  (cp >= 0x2000 && cp <= 0x206f && !(cp >= 0x202a && cp <= 0x202e) &&
                   !(cp >= 0x2066 && cp <= 0x2069));
        if (!ok)
            return false;
        i += k;
    }
    size_t start = 0, end = len;
    while (start < end && is_blank(s[start]))
        start++;
    while (end > start && is_blank(s[end - 1]))
        end--;
    *out = arena_strndup(a, s + start, end - start);
    return true;
}

int extract_tasks(struct arena *a, const char *text, size_t len, day_num meeting,
                  const struct extract_dir *dir, struct extract_result *out, struct error *e)
{
    memset(out, 0, sizeof *out);
    out->text = "";
    if (len > EXTRACT_MAX_TEXT)
        return error_set(e, ERR_TOO_BIG, "text",
                         "Văn bản quá dài (%zu byte, tối đa %u byte); hãy tách thông báo", len,
                         EXTRACT_MAX_TEXT);
    if (memchr(text, '\0', len))
        return error_set(e, ERR_INVALID, "text",
                         "Văn bản chứa ký tự NUL: có thể không phải văn bản thuần (UTF-8)");
    if (!text_valid_utf8(text, len))
        return error_set(e, ERR_INVALID, "text",
                         "Văn bản không phải UTF-8 (có thể là bảng mã cũ TCVN3 hoặc VNI); hãy "
                         "chuyển sang Unicode rồi thử lại");
    const char *clean;
    if (!already_clean(text, len, &clean, a)) {
        char *z = arena_strndup(a, text, len);
        int rc = text_clean(a, z, "text", EXTRACT_MAX_TEXT, true, true, &clean, e);
        if (rc)
            return rc;
    }
    struct run r;
    memset(&r, 0, sizeof r);
    r.a = a;
    r.lx = lexicon_get();
    r.dir = dir;
    r.meeting = meeting;
    doc_build(a, clean, strlen(clean), &r.d);
    out->text = clean;
    out->text_len = strlen(clean);
    if (r.d.n == 0)
        return ERR_OK;

    uint64_t *kinds = arena_alloc(a, r.d.n * sizeof *kinds);
    for (size_t i = 0; i < r.d.n; i++)
        kinds[i] = phrase_kinds_at(r.lx->phrases, &r.d, i);
    r.d.kinds = kinds;
    r.d.kinds_of = r.lx->phrases;
    size_t rs, re;
    region(&r, &rs, &re);
    r.mention_of = arena_alloc(a, r.d.n * sizeof *r.mention_of);
    size_t cap = 0;
    for (size_t i = 0; i < r.d.n; i++)
        r.mention_of[i] = -1;
    for (size_t i = rs; i < re;) {
        struct mention m;
        if (mention_at(r.lx, dir, &r.d, i, re, &m)) {
            r.m = arena_grow(a, r.m, &cap, r.n_m + 1, sizeof *r.m);
            r.m[r.n_m] = m;
            for (size_t k = i; k < m.to; k++)
                r.mention_of[k] = (int)r.n_m;
            r.n_m++;
            i = m.to;
        } else {
            i++;
        }
    }
    walk(&r, rs, re);
    pop_heads(&r, -1);
    out->tasks = r.tasks;
    out->n_tasks = r.n_tasks;
    return ERR_OK;
}
