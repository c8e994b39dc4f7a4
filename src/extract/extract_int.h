/*
 * extract/extract_int.h - what the extract_*.c files share; not for callers of extract.h.
 *
 * A text becomes a `struct doc`: its folded form (no tone marks, lower case,
 * đ -> d, one byte per letter) and the tokens over it, each mapped back to
 * the bytes of the source, so every rule matches folded words and every
 * evidence span points into the source. The lexicon (lexicon.txt) is a set
 * of phrases by kind, matched longest first on token sequences.
 */
#ifndef GB_EXTRACT_EXTRACT_INT_H
#define GB_EXTRACT_EXTRACT_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "extract/extract.h"

/* The kinds of lexicon.txt; the names there are lex_kind_names[] in extract_lex.c. */
enum lex_kind {
    LEX_START,      /* where the conclusion begins ("kết luận như sau") */
    LEX_STOP,       /* where it ends ("nơi nhận") */
    LEX_LEADIN,     /* "đề nghị", "yêu cầu", "giao": what precedes is the speaker */
    LEX_VERB,       /* the verbs a work item starts with */
    LEX_NOISE,      /* exhortations and praise, no task ("tiếp tục phát huy") */
    LEX_PAST,       /* "đã": a report of results, not a task */
    LEX_COORD,      /* "phối hợp với": the units after it coordinate */
    LEX_LEADCUE,    /* "chủ trì": the unit before it leads */
    LEX_RECIP,      /* "tham mưu", "báo cáo": the unit after it receives */
    LEX_TITLE,      /* "Chủ tịch", "Thủ trưởng": the unit after it is meant */
    LEX_UNITKIND,   /* "Phòng", "Sở", "UBND": a unit name starts */
    LEX_PLACEKIND,  /* "xã", "phường", "thị xã" */
    LEX_GROUP,      /* "các phòng, ban, đơn vị": many units at once */
    LEX_CONJ,       /* "và", "các", "cùng": joins units in a list */
    LEX_DLCUE,      /* "trước", "chậm nhất", "trong": a deadline follows */
    LEX_DLFILL,     /* "ngày", "là", "vào": skipped between a cue and its date */
    LEX_RECUR,      /* "thường xuyên", "định kỳ": recurring, no date */
    LEX_NODATE,     /* "kịp thời": no date */
    LEX_DLCANCEL,   /* "và thời gian tiếp theo": the period is no deadline */
    LEX_MONTH,      /* "tháng" */
    LEX_QUARTER,    /* "quý" */
    LEX_YEAR,       /* "năm" */
    LEX_DAYWORD,    /* "ngày" in "ngày 15 tháng 9 năm 2020" */
    LEX_HOUR,       /* "giờ", "h" */
    LEX_MINUTE,     /* "phút" */
    LEX_TET,        /* "tết nguyên đán" */
    LEX_NODOT,      /* abbreviations whose '.' ends no sentence ("tp") */
    LEX_SYN,        /* "ubnd = ủy ban nhân dân": short and long forms of unit names */
    LEX_CONT,       /* "đặc biệt là": a ';' piece that continues the item before */
    LEX_DLNOT,      /* "dịp" (cuối năm), "chi" (thường xuyên): the cue after it is none */
    LEX_STARTWEAK,  /* a start that may also stand in a title ("ý kiến kết luận") */
    LEX_THIS,       /* "nay": the meeting's own period ("cuối năm nay") */
    LEX_FIELDLEAD,  /* "Đơn vị chủ trì:" a field line naming the lead of the item above */
    LEX_FIELDCOORD, /* "Đơn vị phối hợp:" */
    LEX_SPEAK,      /* "chỉ đạo", "kết luận" after a titled unit: that unit is the speaker */
    LEX_DIRECT,     /* "chỉ đạo", "đôn đốc": the units after it are its objects, not new actors */
    LEX_UNITNAME,   /* a unit's whole name in any case: "thường trực HĐND", "công an xã" */
    LEX_N
};

enum tok_class { TOK_WORD, TOK_NUM, TOK_PUNCT };

struct tok {
    uint32_t f, flen; /* folded bytes */
    uint32_t s, send; /* source bytes [s, send) */
    uint8_t cls;      /* enum tok_class */
    bool upper;       /* the source starts with an upper-case letter */
    bool glued;       /* no space between this token and the previous one */
    bool nl;          /* a line break before this token */
};

struct doc {
    const char *src;
    size_t src_len;
    char *fold; /* folded text, NUL-terminated */
    size_t fold_len;
    struct tok *t;
    size_t n;
    /* Optional: kinds[i] = phrase_kinds_at(kinds_of, i), so phrase_match on that set
     * skips tokens where no phrase of the asked kinds starts. */
    const uint64_t *kinds;
    const struct phrase_set *kinds_of;
};

/* Fold and tokenise valid UTF-8 `s`; allocated from `a`. Never fails. */
void doc_build(struct arena *a, const char *s, size_t len, struct doc *d);

/* Token i's folded text equals the NUL-terminated `w`. */
bool tok_is(const struct doc *d, size_t i, const char *w);

/* A set of phrases (token sequences), each with a kind and a value. */
struct phrase_set;
struct phrase_set *phrase_set_new(void);
void phrase_set_free(struct phrase_set *p);
/* Add the phrase `text` (folded here); returns false if it has no words. */
bool phrase_set_add(struct phrase_set *p, const char *text, int kind, int value, int prio);
/* Add a phrase given as already-folded tokens of `d`, [from, to). */
bool phrase_set_add_doc(struct phrase_set *p, const struct doc *d, size_t from, size_t to, int kind,
                        int value, int prio);

struct phrase_hit {
    size_t end; /* token index after the match; 0 when none */
    int kind, value, prio;
};
/* Longest phrase whose kind is in `kinds` (bit mask) starting at token i. */
struct phrase_hit phrase_match(const struct phrase_set *p, const struct doc *d, size_t i,
                               size_t end, uint64_t kinds);

#define KIND(k) ((uint64_t)1 << (k))

/* The kinds of every phrase matching at token i (to the end of the text): a cheap
 * first test before phrase_match, which most tokens fail. */
uint64_t phrase_kinds_at(const struct phrase_set *p, const struct doc *d, size_t i);

/* The lexicon, read from the embedded lexicon.txt on first use (thread-safe). */
struct lexicon {
    struct phrase_set *phrases; /* kinds LEX_* */
    int32_t *tet;               /* day_num of each lunar new year, ascending */
    size_t n_tet;
    char **syn_short, **syn_long; /* folded, space-separated */
    size_t n_syn;
};
const struct lexicon *lexicon_get(void);

/* Parse lexicon text (the embedded file, or a test's own); BUG() on a malformed line. */
struct lexicon *lexicon_parse(const char *text);

/* Add like phrase_set_add_doc, but one entry per word sequence and kind: a
 * better (lower) priority replaces, an equal one with another value makes the
 * entry ambiguous (value -2). */
void phrase_set_add_unique(struct phrase_set *p, const struct doc *d, size_t from, size_t to,
                           int kind, int value, int prio);

/* A unit named in the text: a directory unit, a group, or a name not in the directory. */
struct mention {
    size_t from, to; /* tokens */
    int unit;        /* index in the directory; -1 not in it; -2 ambiguous */
    bool group;      /* "các phòng, ban, đơn vị" */
    bool host;       /* the assigning unit itself */
    bool titled;     /* a person's title came first ("Chủ tịch UBND xã") */
    bool place;      /* a bare place as actor ("huyện Chương Mỹ"): its People's Committee */
};
/* The mention starting at token i (titles before it skipped), or false. */
bool mention_at(const struct lexicon *lx, const struct extract_dir *dir, const struct doc *d,
                size_t i, size_t end, struct mention *m);
/* A directory unit's full name and id. */
const char *dir_unit_name(const struct extract_dir *dir, int unit);
int64_t dir_unit_id(const struct extract_dir *dir, int unit);

/* The deadline at tokens [i, end) of a clause: see extract_date.c. */
struct deadline {
    bool found;      /* a cue and a date form were read */
    day_num day;     /* DAY_NONE when the text lacks a year and there is no meeting date */
    int minute;      /* -1 or minutes after midnight */
    size_t from, to; /* tokens */
    bool relative;   /* "trong 10 ngày làm việc": a span of days, not a date in the text */
    bool from_meeting; /* relative, its day counted from the meeting's (working) days */
};
struct deadline deadline_scan(const struct lexicon *lx, const struct doc *d, size_t from, size_t to,
                              day_num meeting);
/* A month named without a cue ("nội dung trọng tâm tháng 8/2019 như sau:"), for a list's head:
 * the end of that month. */
struct deadline deadline_period(const struct lexicon *lx, const struct doc *d, size_t from,
                                size_t to, day_num meeting);

#endif
