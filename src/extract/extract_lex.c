/*
 * extract/extract_lex.c - folding, tokens, phrase sets and the lexicon.
 *
 * Folding is done codepoint by codepoint (utf8proc_decompose_char into a
 * small stack buffer, no allocation), not with text_fold(), because every
 * folded byte must map back to the source bytes it came from: that map is
 * what lets a rule written without tone marks report a span of the source.
 *
 * Phrases are matched on tokens, not bytes: "trước" never matches inside
 * "trước đây" as a prefix of a longer word, and the commas, hyphens and
 * ampersands inside unit names ("Phòng TC-KH", "các phòng, ban, đơn vị") are
 * skipped, so a phrase written once matches the ways clerks punctuate it.
 */
#include "extract/extract_int.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "util/xalloc.h"

/* Generated from src/extract/lexicon.txt by tools/embed_text.c. */
extern const char extract_lexicon_txt[];

/* Fold one codepoint into out (at most 8 bytes); returns the number of bytes. */
static size_t fold_cp(int32_t cp, char *out)
{
    if (cp < 0x80) {
        char c = (char)cp;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (c == '\t' || c == '\r' || c == '\f' || c == '\v' || (c < 0x20 && c != '\n') ||
                 c == 0x7f)
            c = ' ';
        out[0] = c;
        return 1;
    }
    if (cp == 0x110 || cp == 0x111) { /* Đ đ: Unicode does not decompose them */
        out[0] = 'd';
        return 1;
    }
    utf8proc_int32_t dec[8];
    int lbc = 0;
    utf8proc_ssize_t n = utf8proc_decompose_char(
        cp, dec, 8, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT,
        &lbc);
    size_t k = 0;
    if (n > 0 && n <= 8) {
        for (utf8proc_ssize_t j = 0; j < n && k < 8; j++) {
            int32_t c = dec[j];
            if (c == 0x111) {
                out[k++] = 'd';
            } else if (c < 0x80) {
                char ch = (char)c;
                out[k++] = (ch >= 'A' && ch <= 'Z')    ? (char)(ch - 'A' + 'a')
                           : (ch < 0x20 || ch == 0x7f) ? ' '
                                                       : ch;
            } else {
                utf8proc_category_t cat = utf8proc_category(c);
                if (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO)
                    out[k++] = 'x'; /* a letter of another script: still a word */
                else if (cat == UTF8PROC_CATEGORY_PD)
                    out[k++] = '-';
                else if (cat == UTF8PROC_CATEGORY_PI || cat == UTF8PROC_CATEGORY_PF)
                    out[k++] = '"';
                else if (c == 0x2022 || c == 0x25cf || c == 0x25aa || c == 0xb7)
                    out[k++] = '*';
                else
                    out[k++] = ' ';
            }
        }
    }
    if (k == 0)
        out[k++] = ' ';
    return k;
}

/*
 * Folding every codepoint through utf8proc costs most of the time of a
 * short text; the codepoints of Vietnamese text (Latin, its extensions up to
 * U+1EFF, the punctuation block) are folded once into a table.
 */
#define FOLD_TABLE_MAX 0x2100

struct fold_entry {
    char s[6];
    uint8_t n;     /* 0: not in the table, fold on the fly */
    uint8_t upper; /* an upper-case (or title-case) letter */
};
static struct fold_entry fold_table[FOLD_TABLE_MAX];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

static void fold_table_init(void)
{
    for (int32_t cp = 0; cp < FOLD_TABLE_MAX; cp++) {
        char out[8];
        size_t n = fold_cp(cp, out);
        if (n <= sizeof fold_table[cp].s) {
            memcpy(fold_table[cp].s, out, n);
            fold_table[cp].n = (uint8_t)n;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        fold_table[cp].upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
    }
}

/* Decode one codepoint of valid UTF-8 at p (len bytes left); returns its length. */
static size_t decode(const unsigned char *p, size_t len, int32_t *cp)
{
    unsigned char c = p[0];
    if (c < 0x80 || len < 2) {
        *cp = c;
        return 1;
    }
    if ((c & 0xe0) == 0xc0) {
        *cp = ((c & 0x1f) << 6) | (p[1] & 0x3f);
        return 2;
    }
    if ((c & 0xf0) == 0xe0 && len >= 3) {
        *cp = ((c & 0x0f) << 12) | ((p[1] & 0x3f) << 6) | (p[2] & 0x3f);
        return 3;
    }
    if (len >= 4) {
        *cp = ((c & 0x07) << 18) | ((p[1] & 0x3f) << 12) | ((p[2] & 0x3f) << 6) | (p[3] & 0x3f);
        return 4;
    }
    *cp = ' ';
    return 1;
}

static bool is_wordc(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

void doc_build(struct arena *a, const char *s, size_t len, struct doc *d)
{
    d->src = s;
    d->src_len = len;
    /* A codepoint folds to at most 8 bytes, but nearly always to one; grow if needed. */
    size_t cap = len + 16;
    char *f = xmalloc(cap);
    uint32_t *cs = xmalloc(cap * sizeof *cs), *ce = xmalloc(cap * sizeof *ce);
    size_t nf = 0;
    pthread_once(&fold_once, fold_table_init);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < len) {
        int32_t cp;
        size_t k = decode(p + i, len - i, &cp);
        char buf8[8];
        const char *out = buf8;
        size_t m;
        if (cp < FOLD_TABLE_MAX && fold_table[cp].n) {
            out = fold_table[cp].s;
            m = fold_table[cp].n;
        } else {
            m = fold_cp(cp, buf8);
        }
        if (nf + m + 1 > cap) {
            cap = cap * 2 + m + 1;
            f = xrealloc(f, cap);
            cs = xrealloc(cs, cap * sizeof *cs);
            ce = xrealloc(ce, cap * sizeof *ce);
        }
        for (size_t j = 0; j < m; j++) {
            f[nf] = out[j];
            cs[nf] = (uint32_t)i;
            ce[nf] = (uint32_t)(i + k);
            nf++;
        }
        i += k;
    }
    f[nf] = '\0';
    d->fold = arena_strndup(a, f, nf);
    d->fold_len = nf;

    size_t tcap = 0, nt = 0;
    struct tok *t = NULL;
    bool space = true, nl = true;
    for (size_t j = 0; j < nf;) {
        char c = f[j];
        if (c == ' ' || c == '\n') {
            space = true;
            nl |= c == '\n';
            j++;
            continue;
        }
        size_t start = j;
        bool digits = true;
        if (is_wordc(c)) {
            while (j < nf && is_wordc(f[j])) {
                digits &= f[j] >= '0' && f[j] <= '9';
                j++;
            }
        } else {
            digits = false;
            j++;
        }
        t = arena_grow(a, t, &tcap, nt + 1, sizeof *t);
        struct tok *tk = &t[nt++];
        tk->f = (uint32_t)start;
        tk->flen = (uint32_t)(j - start);
        tk->s = cs[start];
        tk->send = ce[j - 1];
        tk->cls = is_wordc(c) ? (digits ? TOK_NUM : TOK_WORD) : TOK_PUNCT;
        tk->glued = !space;
        tk->nl = nl;
        tk->upper = false;
        if (tk->cls == TOK_WORD) {
            int32_t cp0;
            decode(p + tk->s, len - tk->s, &cp0);
            if (cp0 < FOLD_TABLE_MAX) {
                tk->upper = fold_table[cp0].upper;
            } else {
                utf8proc_category_t cat = utf8proc_category(cp0);
                tk->upper = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
            }
        }
        space = nl = false;
    }
    free(f);
    free(cs);
    free(ce);
    d->t = t;
    d->n = nt;
    d->kinds = NULL;
    d->kinds_of = NULL;
}

bool tok_is(const struct doc *d, size_t i, const char *w)
{
    if (i >= d->n)
        return false;
    size_t n = strlen(w);
    return d->t[i].flen == n && memcmp(d->fold + d->t[i].f, w, n) == 0;
}

/* ---- phrase sets ---------------------------------------------------------------------- */

#define PHRASE_BUCKETS 1024

struct phrase {
    char **words; /* folded tokens; skippable punctuation dropped */
    uint32_t *lens;
    size_t n;
    int kind, value, prio;
    int next; /* next phrase in the bucket, -1 at the end */
};

struct phrase_set {
    struct phrase *p;
    size_t n, cap;
    int bucket[PHRASE_BUCKETS];
};

/* The punctuation a phrase skips inside the text: it varies between writers. */
static bool skippable(const struct doc *d, size_t i)
{
    if (d->t[i].cls != TOK_PUNCT)
        return false;
    char c = d->fold[d->t[i].f];
    return c == ',' || c == '-' || c == '&' || c == '/' || c == '(' || c == ')' || c == '"';
}

static uint32_t hash_word(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint8_t)s[i]) * 16777619u;
    return h % PHRASE_BUCKETS;
}

struct phrase_set *phrase_set_new(void)
{
    struct phrase_set *p = xcalloc(1, sizeof *p);
    for (size_t i = 0; i < PHRASE_BUCKETS; i++)
        p->bucket[i] = -1;
    return p;
}

void phrase_set_free(struct phrase_set *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++) {
        for (size_t j = 0; j < p->p[i].n; j++)
            free(p->p[i].words[j]);
        free(p->p[i].words);
        free(p->p[i].lens);
    }
    free(p->p);
    free(p);
}

bool phrase_set_add_doc(struct phrase_set *p, const struct doc *d, size_t from, size_t to, int kind,
                        int value, int prio)
{
    size_t n = 0;
    for (size_t i = from; i < to; i++)
        n += !skippable(d, i);
    if (n == 0)
        return false;
    p->p = xgrow(p->p, &p->cap, p->n + 1, sizeof *p->p);
    struct phrase *ph = &p->p[p->n];
    ph->words = xmalloc(n * sizeof *ph->words);
    ph->lens = xmalloc(n * sizeof *ph->lens);
    ph->n = 0;
    for (size_t i = from; i < to; i++) {
        if (skippable(d, i))
            continue;
        ph->words[ph->n] = xstrndup(d->fold + d->t[i].f, d->t[i].flen);
        ph->lens[ph->n] = d->t[i].flen;
        ph->n++;
    }
    ph->kind = kind;
    ph->value = value;
    ph->prio = prio;
    uint32_t h = hash_word(ph->words[0], ph->lens[0]);
    ph->next = p->bucket[h];
    p->bucket[h] = (int)p->n;
    p->n++;
    return true;
}

void phrase_set_add_unique(struct phrase_set *p, const struct doc *d, size_t from, size_t to,
                           int kind, int value, int prio)
{
    size_t first = from;
    while (first < to && skippable(d, first))
        first++;
    if (first >= to)
        return;
    const struct tok *t0 = &d->t[first];
    for (int k = p->bucket[hash_word(d->fold + t0->f, t0->flen)]; k >= 0; k = p->p[k].next) {
        struct phrase *ph = &p->p[k];
        if (ph->kind != kind)
            continue;
        size_t w = 0, i = first;
        for (; i < to && w < ph->n; i++) {
            if (skippable(d, i))
                continue;
            if (d->t[i].flen != ph->lens[w] ||
                memcmp(d->fold + d->t[i].f, ph->words[w], d->t[i].flen) != 0)
                break;
            w++;
        }
        while (i < to && skippable(d, i))
            i++;
        if (w != ph->n || i != to)
            continue;
        if (prio < ph->prio) {
            ph->prio = prio;
            ph->value = value;
        } else if (prio == ph->prio && ph->value != value) {
            ph->value = -2;
        }
        return;
    }
    phrase_set_add_doc(p, d, from, to, kind, value, prio);
}

bool phrase_set_add(struct phrase_set *p, const char *text, int kind, int value, int prio)
{
    struct arena a = ARENA_INIT;
    struct doc d;
    doc_build(&a, text, strlen(text), &d);
    bool ok = phrase_set_add_doc(p, &d, 0, d.n, kind, value, prio);
    arena_release(&a);
    return ok;
}

struct phrase_hit phrase_match(const struct phrase_set *p, const struct doc *d, size_t i,
                               size_t end, uint64_t kinds)
{
    struct phrase_hit best = {0, -1, -1, 0};
    if (!p || i >= end || skippable(d, i))
        return best;
    if (d->kinds && d->kinds_of == p && !(d->kinds[i] & kinds))
        return best;
    const struct tok *t0 = &d->t[i];
    for (int k = p->bucket[hash_word(d->fold + t0->f, t0->flen)]; k >= 0; k = p->p[k].next) {
        const struct phrase *ph = &p->p[k];
        if (!(kinds & KIND(ph->kind)))
            continue;
        size_t j = i, w = 0;
        while (w < ph->n && j < end) {
            if (w > 0 && skippable(d, j)) {
                j++;
                continue;
            }
            const struct tok *t = &d->t[j];
            if (t->flen != ph->lens[w] || memcmp(d->fold + t->f, ph->words[w], t->flen) != 0)
                break;
            w++;
            j++;
        }
        if (w < ph->n)
            continue;
        /* Longest wins; on a tie, the better priority (lower number). */
        if (j > best.end || (j == best.end && ph->prio < best.prio)) {
            best.end = j;
            best.kind = ph->kind;
            best.value = ph->value;
            best.prio = ph->prio;
        }
    }
    return best;
}

uint64_t phrase_kinds_at(const struct phrase_set *p, const struct doc *d, size_t i)
{
    uint64_t kinds = 0;
    if (!p || i >= d->n || skippable(d, i))
        return 0;
    const struct tok *t0 = &d->t[i];
    for (int k = p->bucket[hash_word(d->fold + t0->f, t0->flen)]; k >= 0; k = p->p[k].next) {
        const struct phrase *ph = &p->p[k];
        if (kinds & KIND(ph->kind))
            continue;
        size_t j = i, w = 0;
        while (w < ph->n && j < d->n) {
            if (w > 0 && skippable(d, j)) {
                j++;
                continue;
            }
            const struct tok *t = &d->t[j];
            if (t->flen != ph->lens[w] || memcmp(d->fold + t->f, ph->words[w], t->flen) != 0)
                break;
            w++;
            j++;
        }
        if (w == ph->n)
            kinds |= KIND(ph->kind);
    }
    return kinds;
}

/* ---- the lexicon ---------------------------------------------------------------------- */

_Static_assert(LEX_N <= 64, "lexicon kinds are bits of a uint64_t");

static const char *const lex_kind_names[LEX_N] = {
    [LEX_START] = "start",         [LEX_STOP] = "stop",
    [LEX_LEADIN] = "leadin",       [LEX_VERB] = "verb",
    [LEX_NOISE] = "noise",         [LEX_PAST] = "past",
    [LEX_COORD] = "coord",         [LEX_LEADCUE] = "leadcue",
    [LEX_RECIP] = "recip",         [LEX_TITLE] = "title",
    [LEX_UNITKIND] = "unitkind",   [LEX_PLACEKIND] = "placekind",
    [LEX_GROUP] = "group",         [LEX_CONJ] = "conj",
    [LEX_DLCUE] = "dlcue",         [LEX_DLFILL] = "dlfill",
    [LEX_RECUR] = "recur",         [LEX_NODATE] = "nodate",
    [LEX_DLCANCEL] = "dlcancel",   [LEX_MONTH] = "month",
    [LEX_QUARTER] = "quarter",     [LEX_YEAR] = "year",
    [LEX_DAYWORD] = "dayword",     [LEX_HOUR] = "hour",
    [LEX_MINUTE] = "minute",       [LEX_TET] = "tet",
    [LEX_NODOT] = "nodot",         [LEX_SYN] = "syn",
    [LEX_CONT] = "cont",           [LEX_DLNOT] = "dlnot",
    [LEX_STARTWEAK] = "startweak", [LEX_THIS] = "thisperiod",
    [LEX_FIELDLEAD] = "fieldlead", [LEX_FIELDCOORD] = "fieldcoord",
    [LEX_SPEAK] = "speak",         [LEX_DIRECT] = "direct",
    [LEX_UNITNAME] = "unitname",
};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static char *fold_words(const char *s)
{
    struct arena a = ARENA_INIT;
    struct doc d;
    doc_build(&a, s, strlen(s), &d);
    size_t cap = strlen(s) * 2 + 2, n = 0;
    char *out = xmalloc(cap);
    for (size_t i = 0; i < d.n; i++) {
        if (d.t[i].cls == TOK_PUNCT)
            continue;
        if (n)
            out[n++] = ' ';
        memcpy(out + n, d.fold + d.t[i].f, d.t[i].flen);
        n += d.t[i].flen;
    }
    out[n] = '\0';
    arena_release(&a);
    return out;
}

/*
 * Lines are "kind: phrase | phrase | ..."; '#' starts a comment. Two kinds
 * carry other data: "tet: 2021-02-12" (a lunar new year's day) and
 * "syn: short = long".
 */
struct lexicon *lexicon_parse(const char *text)
{
    struct lexicon *lx = xcalloc(1, sizeof *lx);
    lx->phrases = phrase_set_new();
    size_t tet_cap = 0, syn_cap = 0;
    char *copy = xstrdup(text);
    int lineno = 0;
    for (char *line = copy, *next; line; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        line = trim(line);
        if (!*line)
            continue;
        char *colon = strchr(line, ':');
        if (!colon)
            BUG("lexicon.txt:%d: no 'kind:'", lineno);
        *colon = '\0';
        char *kname = trim(line), *rest = colon + 1;
        int kind = -1;
        for (int k = 0; k < LEX_N; k++)
            if (strcmp(kname, lex_kind_names[k]) == 0)
                kind = k;
        if (kind < 0)
            BUG("lexicon.txt:%d: unknown kind '%s'", lineno, kname);
        if (kind == LEX_TET) {
            /* "tet: 2021-02-12" is a date; anything else is a phrase naming Tết. */
            int y, m, d;
            char tail;
            if (sscanf(rest, " %d-%d-%d %c", &y, &m, &d, &tail) == 3 && day_valid_ymd(y, m, d)) {
                lx->tet = xgrow(lx->tet, &tet_cap, lx->n_tet + 1, sizeof *lx->tet);
                lx->tet[lx->n_tet++] = day_from_ymd(y, m, d);
                continue;
            }
        }
        if (kind == LEX_SYN) {
            char *eq = strchr(rest, '=');
            if (!eq)
                BUG("lexicon.txt:%d: syn needs 'short = long'", lineno);
            *eq = '\0';
            lx->syn_short = xgrow(lx->syn_short, &syn_cap, lx->n_syn + 1, sizeof(char *));
            lx->syn_long = xrealloc(lx->syn_long, syn_cap * sizeof(char *));
            lx->syn_short[lx->n_syn] = fold_words(trim(rest));
            lx->syn_long[lx->n_syn] = fold_words(trim(eq + 1));
            lx->n_syn++;
            continue;
        }
        for (char *ph = rest, *bar; ph; ph = bar) {
            bar = strchr(ph, '|');
            if (bar)
                *bar++ = '\0';
            ph = trim(ph);
            if (*ph && !phrase_set_add(lx->phrases, ph, kind, 0, 0))
                BUG("lexicon.txt:%d: phrase without words '%s'", lineno, ph);
        }
    }
    free(copy);
    /* Insertion sort: the table is short and usually already in order. */
    for (size_t i = 1; i < lx->n_tet; i++)
        for (size_t j = i; j > 0 && lx->tet[j - 1] > lx->tet[j]; j--) {
            int32_t tmp = lx->tet[j];
            lx->tet[j] = lx->tet[j - 1];
            lx->tet[j - 1] = tmp;
        }
    return lx;
}

static struct lexicon *the_lexicon;
static pthread_once_t lexicon_once = PTHREAD_ONCE_INIT;

static void lexicon_load(void)
{
    the_lexicon = lexicon_parse(extract_lexicon_txt);
}

const struct lexicon *lexicon_get(void)
{
    pthread_once(&lexicon_once, lexicon_load);
    return the_lexicon;
}
