/*
 * text/legacy.c - see legacy.h.
 *
 * A letter is named by its case, its vowel (or đ) and its tone: L(case, vowel, tone). The
 * TCVN3 table gives that name for each byte, VNI for each base letter and mark byte; one
 * table of Unicode code points (`letters`) turns a name into NFC. Every code point written
 * is precomposed (the Vietnamese letters), ASCII or from Windows-1252, none of them
 * combining, so the output is NFC as written: no normalisation pass is needed.
 *
 * Sources: the TCVN3 bytes were checked against the table of a public TCVN3-to-Unicode
 * converter and the examples of another ("B¶o Th¾ng" = "Bảo Thắng"); the VNI bytes against
 * xvnkb's vni.h and the byte lists of several public VNI converters, which all agree (ỵ is
 * the one byte 0xEE, Ỵ 0xCE, not "y" and a mark). The code and tables here are our own.
 * Not read: TCVN 5712 VN1 (the X11/glibc "TCVN" charset), a superset that also puts toned
 * capitals at 0x01-0x17 and 0x80-0xB4; those bytes read here as controls and Windows-1252.
 */
#include "text/legacy.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "text/normalize.h"

enum { V_A, V_AW, V_AA, V_E, V_EE, V_I, V_O, V_OO, V_OW, V_U, V_UW, V_Y, V_DD, N_VOWEL };
enum { T_NONE, T_GRAVE, T_HOOK, T_TILDE, T_ACUTE, T_DOT, N_TONE };

// clang-format off
/* A letter's name: 1 + case * 78 + vowel * 6 + tone; 0 is "no letter". */
#define L(c, v, t) (uint8_t)(1 + (c) * (N_VOWEL * N_TONE) + (v) * N_TONE + (t))
#define L_CASE(id) (((id) - 1) / (N_VOWEL * N_TONE))
#define L_VOWEL(id) (((id) - 1) % (N_VOWEL * N_TONE) / N_TONE)
#define L_TONE(id) (((id) - 1) % N_TONE)

/* [case][vowel][tone]: without a tone, huyền, hỏi, ngã, sắc, nặng. đ has no tones. */
static const uint16_t letters[2][N_VOWEL][N_TONE] = {
    {
        {0x0061, 0x00E0, 0x1EA3, 0x00E3, 0x00E1, 0x1EA1}, /* a à ả ã á ạ */
        {0x0103, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB7}, /* ă ằ ẳ ẵ ắ ặ */
        {0x00E2, 0x1EA7, 0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD}, /* â ầ ẩ ẫ ấ ậ */
        {0x0065, 0x00E8, 0x1EBB, 0x1EBD, 0x00E9, 0x1EB9}, /* e è ẻ ẽ é ẹ */
        {0x00EA, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7}, /* ê ề ể ễ ế ệ */
        {0x0069, 0x00EC, 0x1EC9, 0x0129, 0x00ED, 0x1ECB}, /* i ì ỉ ĩ í ị */
        {0x006F, 0x00F2, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD}, /* o ò ỏ õ ó ọ */
        {0x00F4, 0x1ED3, 0x1ED5, 0x1ED7, 0x1ED1, 0x1ED9}, /* ô ồ ổ ỗ ố ộ */
        {0x01A1, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3}, /* ơ ờ ở ỡ ớ ợ */
        {0x0075, 0x00F9, 0x1EE7, 0x0169, 0x00FA, 0x1EE5}, /* u ù ủ ũ ú ụ */
        {0x01B0, 0x1EEB, 0x1EED, 0x1EEF, 0x1EE9, 0x1EF1}, /* ư ừ ử ữ ứ ự */
        {0x0079, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5}, /* y ỳ ỷ ỹ ý ỵ */
        {0x0111},                                         /* đ */
    },
    {
        {0x0041, 0x00C0, 0x1EA2, 0x00C3, 0x00C1, 0x1EA0}, /* A À Ả Ã Á Ạ */
        {0x0102, 0x1EB0, 0x1EB2, 0x1EB4, 0x1EAE, 0x1EB6}, /* Ă Ằ Ẳ Ẵ Ắ Ặ */
        {0x00C2, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EAC}, /* Â Ầ Ẩ Ẫ Ấ Ậ */
        {0x0045, 0x00C8, 0x1EBA, 0x1EBC, 0x00C9, 0x1EB8}, /* E È Ẻ Ẽ É Ẹ */
        {0x00CA, 0x1EC0, 0x1EC2, 0x1EC4, 0x1EBE, 0x1EC6}, /* Ê Ề Ể Ễ Ế Ệ */
        {0x0049, 0x00CC, 0x1EC8, 0x0128, 0x00CD, 0x1ECA}, /* I Ì Ỉ Ĩ Í Ị */
        {0x004F, 0x00D2, 0x1ECE, 0x00D5, 0x00D3, 0x1ECC}, /* O Ò Ỏ Õ Ó Ọ */
        {0x00D4, 0x1ED2, 0x1ED4, 0x1ED6, 0x1ED0, 0x1ED8}, /* Ô Ồ Ổ Ỗ Ố Ộ */
        {0x01A0, 0x1EDC, 0x1EDE, 0x1EE0, 0x1EDA, 0x1EE2}, /* Ơ Ờ Ở Ỡ Ớ Ợ */
        {0x0055, 0x00D9, 0x1EE6, 0x0168, 0x00DA, 0x1EE4}, /* U Ù Ủ Ũ Ú Ụ */
        {0x01AF, 0x1EEA, 0x1EEC, 0x1EEE, 0x1EE8, 0x1EF0}, /* Ư Ừ Ử Ữ Ứ Ự */
        {0x0059, 0x1EF2, 0x1EF6, 0x1EF8, 0x00DD, 0x1EF4}, /* Y Ỳ Ỷ Ỹ Ý Ỵ */
        {0x0110},                                         /* Đ */
    },
};

/* The vowel without its tone, lowercase, as the syllable check spells it. */
static const char *const vowel_utf8[N_VOWEL] = {"a", "ă", "â", "e", "ê", "i", "o",
                                                "ô", "ơ", "u", "ư", "y", "đ"};

/* Windows-1252 0x80-0x9F; 0 for its five undefined bytes (written as U+FFFD). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
    0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

// clang-format on

static uint32_t cp1252(uint8_t b)
{
    if (b < 0x80 || b >= 0xA0)
        return b;
    return cp1252_high[b - 0x80] ? cp1252_high[b - 0x80] : 0xFFFD;
}

/*
 * TCVN3 (ABC): byte -> letter. The five tones of each vowel come in the order of `letters`
 * (huyền, hỏi, ngã, sắc, nặng), e.g. a: 0xB5 à, 0xB6 ả, 0xB7 ã, 0xB8 á, 0xB9 ạ. Capitals
 * exist only for the seven untoned letters 0xA1-0xA7: see legacy.h.
 */
// clang-format off
#define TONES(v, b1, b2, b3, b4, b5) \
    [b1] = L(0, v, 1), [b2] = L(0, v, 2), [b3] = L(0, v, 3), [b4] = L(0, v, 4), [b5] = L(0, v, 5)
static const uint8_t tcvn3[256] = {
    /* Ă Â Ê Ô Ơ Ư Đ, then ă â ê ô ơ ư đ */
    [0xA1] = L(1, V_AW, 0), [0xA2] = L(1, V_AA, 0), [0xA3] = L(1, V_EE, 0), [0xA4] = L(1, V_OO, 0),
    [0xA5] = L(1, V_OW, 0), [0xA6] = L(1, V_UW, 0), [0xA7] = L(1, V_DD, 0),
    [0xA8] = L(0, V_AW, 0), [0xA9] = L(0, V_AA, 0), [0xAA] = L(0, V_EE, 0), [0xAB] = L(0, V_OO, 0),
    [0xAC] = L(0, V_OW, 0), [0xAD] = L(0, V_UW, 0), [0xAE] = L(0, V_DD, 0),
    /* each vowel with huyền, hỏi, ngã, sắc, nặng */
    TONES(V_A,  0xB5, 0xB6, 0xB7, 0xB8, 0xB9), /* a */
    TONES(V_AW, 0xBB, 0xBC, 0xBD, 0xBE, 0xC6), /* ă */
    TONES(V_AA, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB), /* â */
    TONES(V_E,  0xCC, 0xCE, 0xCF, 0xD0, 0xD1), /* e */
    TONES(V_EE, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6), /* ê */
    TONES(V_I,  0xD7, 0xD8, 0xDC, 0xDD, 0xDE), /* i */
    TONES(V_O,  0xDF, 0xE1, 0xE2, 0xE3, 0xE4), /* o */
    TONES(V_OO, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9), /* ô */
    TONES(V_OW, 0xEA, 0xEB, 0xEC, 0xED, 0xEE), /* ơ */
    TONES(V_U,  0xEF, 0xF1, 0xF2, 0xF3, 0xF4), /* u */
    TONES(V_UW, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9), /* ư */
    TONES(V_Y,  0xFA, 0xFB, 0xFC, 0xFD, 0xFE), /* y */
};
#undef TONES

/*
 * VNI-Windows: the mark byte that follows a base letter, as 1 + kind * 6 + tone; kind 0 adds
 * a tone only, kind 1 a circumflex (a e o -> â ê ô), kind 2 a breve (a -> ă). The capital
 * marks are the lowercase ones less 0x20.
 */
enum { K_TONE, K_CIRC, K_BREVE };
#define M(kind, t) (uint8_t)(1 + (kind) * N_TONE + (t))
static const uint8_t vni_mark[256] = {
    /* lowercase: tones ø û õ ù ï, â à å ã á ä, ê è ú ü é ë */
    [0xF8] = M(K_TONE, T_GRAVE),   [0xFB] = M(K_TONE, T_HOOK),    [0xF5] = M(K_TONE, T_TILDE),
    [0xF9] = M(K_TONE, T_ACUTE),   [0xEF] = M(K_TONE, T_DOT),     [0xE2] = M(K_CIRC, T_NONE),
    [0xE0] = M(K_CIRC, T_GRAVE),   [0xE5] = M(K_CIRC, T_HOOK),    [0xE3] = M(K_CIRC, T_TILDE),
    [0xE1] = M(K_CIRC, T_ACUTE),   [0xE4] = M(K_CIRC, T_DOT),     [0xEA] = M(K_BREVE, T_NONE),
    [0xE8] = M(K_BREVE, T_GRAVE),  [0xFA] = M(K_BREVE, T_HOOK),   [0xFC] = M(K_BREVE, T_TILDE),
    [0xE9] = M(K_BREVE, T_ACUTE),  [0xEB] = M(K_BREVE, T_DOT),
    /* capitals: Ø Û Õ Ù Ï, Â À Å Ã Á Ä, Ê È Ú Ü É Ë */
    [0xD8] = M(K_TONE, T_GRAVE),   [0xDB] = M(K_TONE, T_HOOK),    [0xD5] = M(K_TONE, T_TILDE),
    [0xD9] = M(K_TONE, T_ACUTE),   [0xCF] = M(K_TONE, T_DOT),     [0xC2] = M(K_CIRC, T_NONE),
    [0xC0] = M(K_CIRC, T_GRAVE),   [0xC5] = M(K_CIRC, T_HOOK),    [0xC3] = M(K_CIRC, T_TILDE),
    [0xC1] = M(K_CIRC, T_ACUTE),   [0xC4] = M(K_CIRC, T_DOT),     [0xCA] = M(K_BREVE, T_NONE),
    [0xC8] = M(K_BREVE, T_GRAVE),  [0xDA] = M(K_BREVE, T_HOOK),   [0xDC] = M(K_BREVE, T_TILDE),
    [0xC9] = M(K_BREVE, T_ACUTE),  [0xCB] = M(K_BREVE, T_DOT),
};

/* VNI letters of one byte: ơ ư đ, the toned i (ì æ ó í ò) and ỵ (î), in both cases. */
static const uint8_t vni_letter[256] = {
    [0xF4] = L(0, V_OW, 0),   [0xF6] = L(0, V_UW, 0),   [0xF1] = L(0, V_DD, 0),
    [0xEC] = L(0, V_I, 1),    [0xE6] = L(0, V_I, 2),    [0xF3] = L(0, V_I, 3),
    [0xED] = L(0, V_I, 4),    [0xF2] = L(0, V_I, 5),    [0xEE] = L(0, V_Y, 5),
    [0xD4] = L(1, V_OW, 0),   [0xD6] = L(1, V_UW, 0),   [0xD1] = L(1, V_DD, 0),
    [0xCC] = L(1, V_I, 1),    [0xC6] = L(1, V_I, 2),    [0xD3] = L(1, V_I, 3),
    [0xCD] = L(1, V_I, 4),    [0xD2] = L(1, V_I, 5),    [0xCE] = L(1, V_Y, 5),
};

// clang-format on

/* Can VNI byte `b` carry a mark? Gives its case and vowel. */
static bool vni_base(uint8_t b, int *c, int *v)
{
    static const char lower[] = "aeouy";
    static const int vowel[] = {V_A, V_E, V_O, V_U, V_Y};
    *c = b >= 'A' && b <= 'Z';
    uint8_t lb = *c ? (uint8_t)(b + 32) : b;
    for (int k = 0; k < 5; k++)
        if (lb == (uint8_t)lower[k]) {
            *v = vowel[k];
            return true;
        }
    if (b == 0xF4 || b == 0xD4 || b == 0xF6 || b == 0xD6) {
        *c = b < 0xE0;
        *v = (b == 0xF4 || b == 0xD4) ? V_OW : V_UW;
        return true;
    }
    return false;
}

/* The vowel base `v` with a mark of `kind`, or -1 when it cannot take it (an "oê"). */
static int vni_combine(int v, int kind)
{
    if (kind == K_TONE)
        return v;
    if (kind == K_CIRC)
        return v == V_A ? V_AA : v == V_E ? V_EE : v == V_O ? V_OO : -1;
    return v == V_A ? V_AW : -1;
}

/* One character of the input read as `cs`: a letter (`id`) or another code point (`cp`). */
enum { F_HIGH = 1, F_BAD = 2 }; /* from a byte > 0x7F; from a byte no letter of `cs` uses */
struct ch {
    uint32_t cp;
    uint8_t id;
    uint8_t flags;
};

static size_t next_char(enum legacy_charset cs, const uint8_t *s, size_t len, size_t i,
                        struct ch *c)
{
    uint8_t b = s[i];
    c->cp = b;
    c->id = 0;
    c->flags = b >= 0x80 ? F_HIGH : 0;
    if (cs == LEGACY_TCVN3) {
        if (b >= 0x80 && !(c->id = tcvn3[b])) {
            c->cp = cp1252(b);
            c->flags |= F_BAD;
        }
        return 1;
    }
    int up, v;
    if (i + 1 < len && vni_mark[s[i + 1]] && vni_base(b, &up, &v)) {
        int m = vni_mark[s[i + 1]] - 1;
        int w = vni_combine(v, m / N_TONE);
        if (w >= 0) {
            c->id = L(up, w, m % N_TONE);
            c->flags = F_HIGH;
            return 2;
        }
    }
    if (b >= 0x80 && !(c->id = vni_letter[b])) {
        c->cp = cp1252(b);
        c->flags |= F_BAD;
    }
    return 1;
}

static uint32_t ch_cp(const struct ch *c)
{
    return c->id ? letters[L_CASE(c->id)][L_VOWEL(c->id)][L_TONE(c->id)] : c->cp;
}

static bool is_ascii_alpha(uint32_t cp)
{
    return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* A letter for splitting words: ours, ASCII, or a Windows-1252 letter read from a stray byte. */
static bool ch_is_letter(const struct ch *c)
{
    uint32_t cp = c->cp;
    return c->id || is_ascii_alpha(cp) || (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7) ||
           cp == 0x0160 || cp == 0x0161 || cp == 0x0152 || cp == 0x0153 || cp == 0x017D ||
           cp == 0x017E || cp == 0x0178 || cp == 0x0192;
}

static char *put_utf8(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* ---- Vietnamese syllables, for detection ---- */

static const char *const initials[] = {
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d",
    "đ",   "g",  "h",  "k",  "l",  "m",  "n",  "p",  "r",  "s",  "t",  "v", "x", "",
};

/* Rhymes without a final consonant. */
static const char *const open_rhymes[] = {
    "a",   "e",   "ê",   "i",   "o",   "ô",   "ơ",   "u",   "ư",   "y",   "ai",  "ao",
    "au",  "ay",  "âu",  "ây",  "eo",  "êu",  "ia",  "iu",  "oa",  "oe",  "oi",  "ôi",
    "ơi",  "ua",  "uê",  "ui",  "uy",  "ưa",  "ưi",  "ưu",  "uơ",  "iêu", "yêu", "oai",
    "oay", "oao", "oeo", "uây", "uôi", "ươi", "ươu", "uya", "uyu",
};

/* Vowels before a final consonant, and which finals they take. */
enum { NEED_FINAL = 1, F_C_NG = 2, F_CH_NH = 4, F_MNPT = 8 };
static const struct {
    const char *s;
    int flags;
} nuclei[] = {
    {"a", F_C_NG | F_CH_NH | F_MNPT},
    {"ă", NEED_FINAL | F_C_NG | F_MNPT},
    {"â", NEED_FINAL | F_C_NG | F_MNPT},
    {"e", F_C_NG | F_MNPT},
    {"ê", F_CH_NH | F_MNPT},
    {"i", F_CH_NH | F_MNPT},
    {"o", F_C_NG | F_MNPT},
    {"ô", F_C_NG | F_MNPT},
    {"ơ", F_MNPT},
    {"u", F_C_NG | F_MNPT},
    {"ư", F_C_NG | F_MNPT},
    {"iê", NEED_FINAL | F_C_NG | F_MNPT},
    {"yê", NEED_FINAL | F_C_NG | F_MNPT},
    {"uô", NEED_FINAL | F_C_NG | F_MNPT},
    {"ươ", NEED_FINAL | F_C_NG | F_MNPT},
    {"oa", F_C_NG | F_CH_NH | F_MNPT},
    {"oă", NEED_FINAL | F_C_NG | F_MNPT},
    {"oe", F_MNPT},
    {"uâ", NEED_FINAL | F_C_NG | F_MNPT},
    {"uê", F_CH_NH | F_MNPT},
    {"uy", F_CH_NH | F_MNPT},
    {"uyê", NEED_FINAL | F_MNPT},
    {"oo", NEED_FINAL | F_C_NG},
};

static bool rhyme_ok(const char *r, int tone)
{
    for (size_t k = 0; k < sizeof open_rhymes / sizeof *open_rhymes; k++)
        if (strcmp(r, open_rhymes[k]) == 0)
            return true;
    for (size_t k = 0; k < sizeof nuclei / sizeof *nuclei; k++) {
        size_t n = strlen(nuclei[k].s);
        if (strncmp(r, nuclei[k].s, n) != 0 || !r[n])
            continue;
        const char *f = r + n;
        int fl = nuclei[k].flags;
        /* k only in the names of the Central Highlands: Đắk Lắk, Đắk Nông */
        bool stop = !strcmp(f, "c") || !strcmp(f, "ch") || !strcmp(f, "p") || !strcmp(f, "t") ||
                    !strcmp(f, "k");
        bool ok = ((!strcmp(f, "c") || !strcmp(f, "ng") || !strcmp(f, "k")) && (fl & F_C_NG)) ||
                  ((!strcmp(f, "ch") || !strcmp(f, "nh")) && (fl & F_CH_NH)) ||
                  ((!strcmp(f, "m") || !strcmp(f, "n") || !strcmp(f, "p") || !strcmp(f, "t")) &&
                   (fl & F_MNPT));
        /* A syllable closed by c, ch, p or t takes sắc or nặng only. */
        if (ok && (!stop || tone == T_ACUTE || tone == T_DOT))
            return true;
    }
    return false;
}

#define MAX_WORD 10 /* letters; "nghiêng" has 7 */

static bool syllable_ok(const struct ch *w, size_t n)
{
    char key[4 * MAX_WORD + 1];
    size_t k = 0;
    int tone = T_NONE, tones = 0;
    for (size_t i = 0; i < n; i++) {
        if (w[i].id) {
            const char *v = vowel_utf8[L_VOWEL(w[i].id)];
            memcpy(key + k, v, strlen(v));
            k += strlen(v);
            if (L_TONE(w[i].id) != T_NONE) {
                tone = L_TONE(w[i].id);
                tones++;
            }
        } else if (is_ascii_alpha(w[i].cp)) {
            key[k++] = (char)(w[i].cp | 0x20);
        } else {
            return false;
        }
    }
    key[k] = '\0';
    if (tones > 1)
        return false;
    for (size_t i = 0; i < sizeof initials / sizeof *initials; i++) {
        size_t m = strlen(initials[i]);
        if (strncmp(key, initials[i], m) == 0 && key[m] && rhyme_ok(key + m, tone))
            return true;
    }
    return false;
}

struct score {
    size_t good, bad; /* words with a byte > 0x7F that read as syllables, that do not */
};

#define SCORE_WORDS 20000 /* words with a byte > 0x7F read before deciding */

static void score_words(enum legacy_charset cs, const uint8_t *s, size_t len, struct score *sc)
{
    struct ch w[MAX_WORD];
    size_t n = 0;
    bool high = false, bad = false, too_long = false;
    size_t i = 0;
    for (;;) {
        struct ch c;
        bool more = i < len;
        if (more) {
            i += next_char(cs, s, len, i, &c);
            if (ch_is_letter(&c)) {
                if (n < MAX_WORD)
                    w[n++] = c;
                else
                    too_long = true;
                high |= (c.flags & F_HIGH) != 0;
                bad |= (c.flags & F_BAD) != 0;
                continue;
            }
        }
        if (n && high && sc->good + sc->bad >= SCORE_WORDS)
            return; /* enough evidence: a 200 MB file is judged on its first words */
        if (n && high) {
            /* A lone letter that reads as a word ("ở", "à") is no evidence: random bytes
             * make many. Wrong, it still counts against. */
            bool ok = !bad && !too_long && syllable_ok(w, n);
            if (!ok)
                sc->bad++;
            else if (n > 1)
                sc->good++;
        }
        n = 0;
        high = bad = too_long = false;
        if (!more)
            return;
    }
}

static bool convincing(const struct score *s)
{
    return s->good >= LEGACY_MIN_WORDS && s->good >= 4 * s->bad;
}

enum legacy_charset legacy_detect(const char *s, size_t len)
{
    if (len == 0 || text_valid_utf8(s, len))
        return LEGACY_UTF8;
    const uint8_t *p = (const uint8_t *)s;
    struct score t = {0, 0}, v = {0, 0};
    score_words(LEGACY_TCVN3, p, len, &t);
    score_words(LEGACY_VNI, p, len, &v);
    bool tc = convincing(&t), vc = convincing(&v);
    /* good >= 4 * bad, so the differences are positive. */
    if (tc && (!vc || t.good - t.bad >= 2 * (v.good - v.bad)))
        return LEGACY_TCVN3;
    if (vc && (!tc || v.good - v.bad >= 2 * (t.good - t.bad)))
        return LEGACY_VNI;
    return LEGACY_UNKNOWN;
}

/* ---- conversion ---- */

/* TCVN3 bytes that belong to a word, for the capitals of a heading (see legacy.h). */
static bool tcvn3_word_byte(uint8_t b)
{
    return is_ascii_alpha(b) || tcvn3[b];
}

struct word {
    size_t start, end;
    bool new_line; /* a line break since the word before */
    bool eligible; /* no lowercase ASCII letter, a lowercase Vietnamese one */
    bool caps;     /* eligible, and two capitals: a word of a heading */
};

static bool tcvn3_next_word(const uint8_t *s, size_t len, size_t i, struct word *w)
{
    w->new_line = false;
    for (; i < len && !tcvn3_word_byte(s[i]); i++)
        if (s[i] == '\n' || s[i] == '\r')
            w->new_line = true;
    if (i >= len)
        return false;
    size_t up = 0, low = 0;
    bool viet = false;
    for (w->start = i; i < len && tcvn3_word_byte(s[i]); i++) {
        if (s[i] >= 'A' && s[i] <= 'Z')
            up++;
        else if (s[i] >= 'a' && s[i] <= 'z')
            low++;
        else if (L_CASE(tcvn3[s[i]]) == 1)
            up++;
        else
            viet = true;
    }
    w->end = i;
    w->eligible = !low && viet;
    w->caps = w->eligible && up >= 2;
    return true;
}

static char *tcvn3_put(char *o, uint8_t b, bool caps)
{
    struct ch c;
    next_char(LEGACY_TCVN3, &b, 1, 0, &c);
    if (caps && c.id && L_CASE(c.id) == 0)
        c.id = L(1, L_VOWEL(c.id), L_TONE(c.id));
    return put_utf8(o, ch_cp(&c));
}

static char *tcvn3_convert(char *o, const uint8_t *s, size_t len)
{
    struct word prev = {0, 0, true, false, false}, cur, next;
    size_t pos = 0;
    bool have = tcvn3_next_word(s, len, 0, &cur);
    while (have) {
        for (; pos < cur.start; pos++)
            o = tcvn3_put(o, s[pos], false);
        bool have_next = tcvn3_next_word(s, len, cur.end, &next);
        bool caps = cur.eligible && (cur.caps || (prev.caps && !cur.new_line) ||
                                     (have_next && next.caps && !next.new_line));
        for (; pos < cur.end; pos++)
            o = tcvn3_put(o, s[pos], caps);
        prev = cur;
        prev.caps = caps; /* "HäP ë X·": ë in capitals makes X· so */
        cur = next;
        have = have_next;
    }
    for (; pos < len; pos++)
        o = tcvn3_put(o, s[pos], false);
    return o;
}

char *legacy_convert(struct arena *a, enum legacy_charset cs, const char *s, size_t len,
                     size_t *out_len)
{
    if (cs != LEGACY_TCVN3 && cs != LEGACY_VNI)
        BUG("legacy_convert: charset %d is not a legacy one", (int)cs);
    if (len > (SIZE_MAX - 1) / 3)
        BUG("legacy_convert: %zu bytes", len);
    const uint8_t *p = (const uint8_t *)s;
    char *out = arena_alloc(a, len * 3 + 1), *o = out;
    if (cs == LEGACY_TCVN3) {
        o = tcvn3_convert(o, p, len);
    } else {
        for (size_t i = 0; i < len;) {
            struct ch c;
            i += next_char(cs, p, len, i, &c);
            o = put_utf8(o, ch_cp(&c));
        }
    }
    *o = '\0';
    *out_len = (size_t)(o - out);
    return out;
}

int legacy_to_utf8(struct arena *a, const char *s, size_t len, const char *field, const char **out,
                   size_t *out_len, enum legacy_charset *found, struct error *e)
{
    enum legacy_charset cs = legacy_detect(s, len);
    *found = cs;
    if (cs == LEGACY_UTF8) {
        *out = len ? s : "";
        *out_len = len;
        return ERR_OK;
    }
    if (cs == LEGACY_UNKNOWN) {
        *out = NULL;
        *out_len = 0;
        return error_set(e, ERR_INVALID, field,
                         "Tệp không phải mã Unicode UTF-8, và cũng không nhận ra là mã TCVN3 "
                         "(ABC) hay VNI-Windows. Hãy chuyển mã bằng Unikey hoặc lưu lại tệp "
                         "dạng Unicode (UTF-8, ví dụ \"CSV UTF-8\" của Excel), rồi thử lại.");
    }
    *out = legacy_convert(a, cs, s, len, out_len);
    return ERR_OK;
}

const char *legacy_charset_name(enum legacy_charset cs)
{
    switch (cs) {
    case LEGACY_UTF8:
        return "UTF-8";
    case LEGACY_TCVN3:
        return "TCVN3 (ABC)";
    case LEGACY_VNI:
        return "VNI-Windows";
    case LEGACY_UNKNOWN:
        break;
    }
    return "không rõ";
}

const char *legacy_charset_notice(enum legacy_charset cs)
{
    switch (cs) {
    case LEGACY_TCVN3:
        return "Tệp được chuyển từ mã TCVN3 (ABC) sang Unicode (UTF-8).";
    case LEGACY_VNI:
        return "Tệp được chuyển từ mã VNI-Windows sang Unicode (UTF-8).";
    case LEGACY_UTF8:
    case LEGACY_UNKNOWN:
        break;
    }
    return NULL;
}
