/*
 * extract/extract_unit.c - the unit directory and the units named in a text.
 *
 * Clerks name a unit many ways: its full name, its short name, an alias,
 * the name without the town ("Phòng Tài chính - Kế hoạch"), "UBND" for
 * "Ủy ban nhân dân" (the lexicon's syn lines), or initials ("Phòng TC-KH",
 * "Phòng TN&MT", "Phòng LĐ-TB&XH"). The directory is indexed once under all
 * of these keys; a key two units share with the same standing matches
 * neither (ambiguous), so a wrong unit is never proposed silently.
 *
 * A unit not in the directory is still recognised from its shape: a kind
 * word ("Phòng", "Sở", "UBND") followed by a capitalised name, or a known
 * abbreviation; it is proposed as written and flagged unknown.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "extract/extract_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

struct abbr_key {
    char *key; /* "phong tckh" */
    int unit, prio;
};

struct extract_dir {
    int64_t *ids;
    char **names;
    size_t n;
    int host;
    struct phrase_set *keys;
    struct abbr_key *abbr;
    size_t n_abbr, cap_abbr;
};

/* The folded words of d[from, to) joined by one space, punctuation left out. */
static void words_of(const struct doc *d, size_t from, size_t to, struct buf *b)
{
    for (size_t i = from; i < to; i++) {
        if (d->t[i].cls == TOK_PUNCT)
            continue;
        if (b->len)
            buf_addc(b, ' ');
        buf_add(b, d->fold + d->t[i].f, d->t[i].flen);
    }
}

static void add_abbr(struct extract_dir *dir, const char *key, int unit, int prio)
{
    for (size_t i = 0; i < dir->n_abbr; i++) {
        if (strcmp(dir->abbr[i].key, key) != 0)
            continue;
        if (prio < dir->abbr[i].prio) {
            dir->abbr[i].prio = prio;
            dir->abbr[i].unit = unit;
        } else if (prio == dir->abbr[i].prio && dir->abbr[i].unit != unit) {
            dir->abbr[i].unit = -2;
        }
        return;
    }
    dir->abbr = xgrow(dir->abbr, &dir->cap_abbr, dir->n_abbr + 1, sizeof *dir->abbr);
    dir->abbr[dir->n_abbr++] = (struct abbr_key){xstrdup(key), unit, prio};
}

/* Index the shorter forms derived from a unit's name d (kind, place, initials). */
static void add_derived(const struct lexicon *lx, struct extract_dir *dir, const struct doc *d,
                        int unit, int prio)
{
    struct phrase_hit kh = phrase_match(lx->phrases, d, 0, d->n, KIND(LEX_UNITKIND));
    if (!kh.end)
        return;
    /* The place is the last place word: "Phòng Lao động - Thương binh và Xã hội thị xã Cửa
     * Lò" is in "thị xã Cửa Lò", not in "Xã hội". */
    size_t place = d->n;
    for (size_t i = kh.end; i < d->n; i++) {
        struct phrase_hit ph = phrase_match(lx->phrases, d, i, d->n, KIND(LEX_PLACEKIND));
        if (ph.end) {
            place = i;
            i = ph.end - 1;
        }
    }
    if (place == kh.end) { /* "Công an thành phố", "UBND thị xã": kind and level of place */
        struct phrase_hit ph = phrase_match(lx->phrases, d, place, d->n, KIND(LEX_PLACEKIND));
        phrase_set_add_unique(dir->keys, d, 0, ph.end, 0, unit, prio + 3);
    }
    if (place > kh.end && place < d->n)
        phrase_set_add_unique(dir->keys, d, 0, place, 0, unit, prio + 2);
    /* Initials: "Tài chính - Kế hoạch" -> "tckh"; "và" adds none. */
    struct buf ini = BUF_INIT(64);
    for (size_t i = kh.end; i < place; i++) {
        if (d->t[i].cls != TOK_WORD)
            continue;
        if (phrase_match(lx->phrases, d, i, i + 1, KIND(LEX_CONJ)).end)
            continue;
        buf_addc(&ini, d->fold[d->t[i].f]);
    }
    if (ini.len >= 2 && !ini.failed) {
        struct buf key = BUF_INIT(256);
        words_of(d, 0, kh.end, &key);
        buf_addc(&key, ' ');
        buf_add(&key, ini.data, ini.len);
        add_abbr(dir, key.data, unit, prio + 2);
        buf_release(&key);
    }
    buf_release(&ini);
}

/* Index one way of writing a unit's name, with its shorter derived forms. */
static void add_variant(const struct lexicon *lx, struct extract_dir *dir, const char *text,
                        int unit, int prio)
{
    struct arena a = ARENA_INIT;
    struct doc d;
    doc_build(&a, text, strlen(text), &d);
    if (d.n > 0) {
        phrase_set_add_unique(dir->keys, &d, 0, d.n, 0, unit, prio);
        add_derived(lx, dir, &d, unit, prio);
    }
    arena_release(&a);
}

/* Replace whole words `from` by `to` in `s` (all folded, space-separated); NULL if absent. */
static char *replace_words(const char *s, const char *from, const char *to)
{
    size_t n = strlen(from);
    for (const char *p = s; (p = strstr(p, from)) != NULL; p++) {
        bool left = p == s || p[-1] == ' ', right = p[n] == '\0' || p[n] == ' ';
        if (!left || !right)
            continue;
        struct buf b = BUF_INIT(BUF_NO_LIMIT);
        buf_add(&b, s, (size_t)(p - s));
        buf_adds(&b, to);
        buf_adds(&b, p + n);
        return buf_take(&b, NULL);
    }
    return NULL;
}

static void add_name(const struct lexicon *lx, struct extract_dir *dir, const char *name, int unit)
{
    if (!name || !*name)
        return;
    add_variant(lx, dir, name, unit, 0);
    struct arena a = ARENA_INIT;
    struct doc d;
    doc_build(&a, name, strlen(name), &d);
    struct buf w = BUF_INIT(BUF_NO_LIMIT);
    words_of(&d, 0, d.n, &w);
    for (size_t s = 0; s < lx->n_syn; s++) {
        char *v = replace_words(w.data, lx->syn_long[s], lx->syn_short[s]);
        if (!v)
            v = replace_words(w.data, lx->syn_short[s], lx->syn_long[s]);
        if (v) {
            add_variant(lx, dir, v, unit, 1);
            free(v);
        }
    }
    buf_release(&w);
    arena_release(&a);
}

struct extract_dir *extract_dir_new(const struct extract_unit *units, size_t n, int64_t host)
{
    const struct lexicon *lx = lexicon_get();
    struct extract_dir *dir = xcalloc(1, sizeof *dir);
    dir->keys = phrase_set_new();
    dir->host = -1;
    dir->n = n;
    dir->ids = xcalloc(n ? n : 1, sizeof *dir->ids);
    dir->names = xcalloc(n ? n : 1, sizeof *dir->names);
    for (size_t i = 0; i < n; i++) {
        const struct extract_unit *u = &units[i];
        dir->ids[i] = u->id;
        dir->names[i] = xstrdup(u->name ? u->name : "");
        if (host && u->id == host)
            dir->host = (int)i;
        add_name(lx, dir, u->name, (int)i);
        add_name(lx, dir, u->short_name, (int)i);
        for (const char **al = u->aliases; al && *al; al++)
            add_name(lx, dir, *al, (int)i);
    }
    return dir;
}

void extract_dir_free(struct extract_dir *dir)
{
    if (!dir)
        return;
    for (size_t i = 0; i < dir->n; i++)
        free(dir->names[i]);
    for (size_t i = 0; i < dir->n_abbr; i++)
        free(dir->abbr[i].key);
    free(dir->abbr);
    free(dir->names);
    free(dir->ids);
    phrase_set_free(dir->keys);
    free(dir);
}

const char *dir_unit_name(const struct extract_dir *dir, int unit)
{
    return dir && unit >= 0 && (size_t)unit < dir->n ? dir->names[unit] : NULL;
}

int64_t dir_unit_id(const struct extract_dir *dir, int unit)
{
    return dir && unit >= 0 && (size_t)unit < dir->n ? dir->ids[unit] : 0;
}

/* Every letter of the token is upper case in the source: "TC", "KH", "TN", "LĐ". */
static bool all_upper(const struct doc *d, size_t i)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)d->src + d->t[i].s;
    utf8proc_ssize_t left = (utf8proc_ssize_t)(d->t[i].send - d->t[i].s);
    bool any = false;
    while (left > 0) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, left, &cp);
        if (k <= 0)
            return false;
        utf8proc_category_t cat = utf8proc_category(cp);
        if (cat == UTF8PROC_CATEGORY_LL)
            return false;
        any |= cat == UTF8PROC_CATEGORY_LU;
        p += k;
        left -= k;
    }
    return any;
}

static bool is_punct_c(const struct doc *d, size_t i, const char *set)
{
    return i < d->n && d->t[i].cls == TOK_PUNCT && strchr(set, d->fold[d->t[i].f]);
}

/* Words that end a unit's name: the start of what the unit is told to do. */
static const uint64_t NAME_STOP = KIND(LEX_VERB) | KIND(LEX_COORD) | KIND(LEX_LEADCUE) |
                                  KIND(LEX_RECIP) | KIND(LEX_DLCUE) | KIND(LEX_NOISE) |
                                  KIND(LEX_PAST) | KIND(LEX_LEADIN) | KIND(LEX_RECUR) |
                                  KIND(LEX_NODATE) | KIND(LEX_START) | KIND(LEX_STARTWEAK);

/* After a place kind ("xã", "thành phố"): the capitalised proper name. */
static size_t place_tail(const struct lexicon *lx, const struct doc *d, size_t k, size_t end)
{
    struct phrase_hit ph = phrase_match(lx->phrases, d, k, end, KIND(LEX_PLACEKIND));
    if (!ph.end)
        return k;
    k = ph.end;
    while (k < end && d->t[k].cls == TOK_WORD && d->t[k].upper && k < ph.end + 4)
        k++;
    return k;
}

/* A place kind standing for the unit's own level: "công an xã", "Ban CHQS xã tham mưu". The
 * place word must end the name ("quản lý" folds like "quận"): a name, a stop word or punctuation
 * follows it. */
static bool bare_place(const struct lexicon *lx, const struct doc *d, size_t k, size_t end)
{
    struct phrase_hit ph = phrase_match(lx->phrases, d, k, end, KIND(LEX_PLACEKIND));
    if (!ph.end)
        return false;
    if (place_tail(lx, d, k, end) > ph.end)
        return true;
    return ph.end >= end || d->t[ph.end].cls != TOK_WORD ||
           phrase_match(lx->phrases, d, ph.end, end, NAME_STOP).end;
}

bool mention_at(const struct lexicon *lx, const struct extract_dir *dir, const struct doc *d,
                size_t i, size_t end, struct mention *m)
{
    size_t j = i;
    int titles = 0;
    for (; titles < 3; titles++) {
        struct phrase_hit th = phrase_match(lx->phrases, d, j, end, KIND(LEX_TITLE));
        if (!th.end)
            break;
        j = th.end;
    }
    if (j >= end || d->t[j].cls == TOK_PUNCT)
        return false;
    *m = (struct mention){.from = j, .to = 0, .unit = -1, .titled = titles > 0};

    struct phrase_hit dh =
        dir ? phrase_match(dir->keys, d, j, end, KIND(0)) : (struct phrase_hit){0, -1, -1, 0};
    if (dh.end) {
        m->to = dh.end;
        m->unit = dh.value;
    }
    struct phrase_hit kh = phrase_match(lx->phrases, d, j, end, KIND(LEX_UNITKIND));
    if (kh.end) {
        /* Initials after the kind word: "Phòng TC-KH", "Phòng TN&MT". */
        struct buf ini = BUF_INIT(64);
        size_t k = kh.end, last = 0;
        while (k < end && ini.len < 12) {
            if (d->t[k].cls == TOK_WORD && d->t[k].flen <= 6 && all_upper(d, k)) {
                buf_add(&ini, d->fold + d->t[k].f, d->t[k].flen);
                last = ++k;
            } else if (last && is_punct_c(d, k, "-&,") && k + 1 < end &&
                       d->t[k + 1].cls == TOK_WORD && all_upper(d, k + 1)) {
                k++;
            } else {
                break;
            }
        }
        if (last && ini.len >= 2 && last > m->to) {
            struct buf key = BUF_INIT(256);
            words_of(d, j, kh.end, &key);
            buf_addc(&key, ' ');
            buf_add(&key, ini.data, ini.len);
            m->unit = -1;
            for (size_t a = 0; dir && a < dir->n_abbr; a++)
                if (strcmp(dir->abbr[a].key, key.data) == 0)
                    m->unit = dir->abbr[a].unit;
            m->to = last;
            buf_release(&key);
        }
        buf_release(&ini);
    }
    struct phrase_hit gh = phrase_match(lx->phrases, d, j, end, KIND(LEX_GROUP));
    if (gh.end > m->to) {
        m->to = gh.end;
        m->unit = -1;
        m->group = true;
    }
    /* "UBND các xã Biển Động, Tân Quang, Giáp Sơn": a kind, "các", a place kind and names. */
    if (kh.end && m->unit < 0 && kh.end + 2 < end && tok_is(d, kh.end, "cac")) {
        size_t pt = place_tail(lx, d, kh.end + 1, end);
        struct phrase_hit pk = phrase_match(lx->phrases, d, kh.end + 1, end, KIND(LEX_PLACEKIND));
        if (pk.end && pt > pk.end) {
            while (pt + 1 < end && is_punct_c(d, pt, ",") && d->t[pt + 1].cls == TOK_WORD &&
                   d->t[pt + 1].upper) {
                size_t q = pt + 1;
                while (q < end && q < pt + 5 && d->t[q].cls == TOK_WORD && d->t[q].upper)
                    q++;
                pt = q;
            }
            if (pt > m->to) {
                m->to = pt;
                m->group = true;
            }
        }
    }
    /* "UBND các phường", "Ủy ban nhân dân các xã, thị trấn": a kind before a group. */
    if (kh.end && m->unit < 0) {
        struct phrase_hit g2 = phrase_match(lx->phrases, d, kh.end, end, KIND(LEX_GROUP));
        if (g2.end > m->to) {
            m->to = g2.end;
            m->unit = -1;
            m->group = true;
        }
    }
    /* A kind in lower case names a unit when a name or a place follows: "công chức Văn hóa -
     * Xã hội", "công an xã", "phòng Tài nguyên - Môi trường", "thôn Thanh Kỳ". */
    bool kind_named = kh.end && (d->t[j].upper || all_upper(d, j) ||
                                 (kh.end < end && d->t[kh.end].cls == TOK_WORD &&
                                  d->t[kh.end].upper) ||
                                 bare_place(lx, d, kh.end, end));
    if ((!m->to || (m->unit < 0 && !m->group)) && kind_named) {
        size_t abbr_to = m->to;
        /* A name not in the directory: the kind, then a capitalised name. */
        size_t k = kh.end, last = kh.end;
        int lower = 0;
        bool named = kh.end - j >= 2; /* "Ban Chỉ huy Quân sự", "Ban chỉ đạo" */
        size_t pt = place_tail(lx, d, k, end);
        if (pt > k) {
            last = pt;
            named = true;
        } else {
            while (k < end && k < kh.end + 10) {
                const struct tok *t = &d->t[k];
                if (t->cls == TOK_PUNCT) {
                    if (named && is_punct_c(d, k, "-&") && k + 1 < end && d->t[k + 1].upper) {
                        k++;
                        continue;
                    }
                    break;
                }
                /* "Sở Xây dựng", "Phòng Quản lý đô thị", "Xã hội": a capital starts a name word. */
                if (!t->upper && (phrase_match(lx->phrases, d, k, end, NAME_STOP).end ||
                                  phrase_match(lx->phrases, d, k, end, KIND(LEX_PLACEKIND)).end))
                    break;
                if (phrase_match(lx->phrases, d, k, end, KIND(LEX_CONJ)).end) {
                    if (named && k + 1 < end && d->t[k + 1].upper) {
                        k++;
                        continue;
                    }
                    break;
                }
                if (t->upper) {
                    named = true;
                    lower = 0;
                } else if (!named || ++lower > 4) {
                    break;
                }
                last = ++k;
            }
            last = place_tail(lx, d, last, end);
        }
        if (named && last > abbr_to)
            m->to = last;
    }
    /* "thường trực HĐND", "Ban kinh tế - xã hội", "công an xã": a whole name, in any case. */
    struct phrase_hit nh = phrase_match(lx->phrases, d, j, end, KIND(LEX_UNITNAME));
    if (nh.end > m->to && m->unit < 0) {
        size_t pt = place_tail(lx, d, nh.end, end);
        m->to = pt > nh.end && pt > nh.end + 1 ? pt : nh.end;
        m->group = false;
    }
    /* "yêu cầu huyện Chương Mỹ ...", "đề nghị xã Hòa Chính ...": a place by its name. */
    if (!m->to && !kh.end) {
        size_t pt = place_tail(lx, d, j, end);
        struct phrase_hit ph = phrase_match(lx->phrases, d, j, end, KIND(LEX_PLACEKIND));
        /* lower case: "Huyền Tụng" folds like "huyện" but is a name */
        if (ph.end && pt > ph.end && !d->t[j].upper && !all_upper(d, j)) {
            m->to = pt;
            m->place = true;
        }
    }
    if (!m->to)
        return false;
    m->host = dir && m->unit >= 0 && m->unit == dir->host;
    return true;
}
