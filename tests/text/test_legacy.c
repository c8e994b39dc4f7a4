/*
 * tests/text/test_legacy.c - TCVN3 (ABC) and VNI-Windows to Unicode: the whole alphabet both
 * ways, a conclusion notice in each encoding, detection (and its refusals), NUL bytes.
 *
 * The encoder here is the test's own, from tables written the way the public lists write
 * them: each legacy byte as the Windows-1252 glyph it shows in a Unicode editor ("µ" for the
 * TCVN3 "à", "aù" for the VNI "á"). It shares nothing with src/text/legacy.c.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "check.h"
#include "text/legacy.h"
#include "text/normalize.h"
#include "util/buf.h"

static struct arena A = ARENA_INIT;

/* A string literal and its length (NUL bytes and all). */
#define LIT(s) (s), sizeof(s) - 1

/* The 12 vowels, untoned then huyền, hỏi, ngã, sắc, nặng; then đ. */
static const char *const uni[13][6] = {
    {"a", "à", "ả", "ã", "á", "ạ"},
    {"ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"},
    {"â", "ầ", "ẩ", "ẫ", "ấ", "ậ"},
    {"e", "è", "ẻ", "ẽ", "é", "ẹ"},
    {"ê", "ề", "ể", "ễ", "ế", "ệ"},
    {"i", "ì", "ỉ", "ĩ", "í", "ị"},
    {"o", "ò", "ỏ", "õ", "ó", "ọ"},
    {"ô", "ồ", "ổ", "ỗ", "ố", "ộ"},
    {"ơ", "ờ", "ở", "ỡ", "ớ", "ợ"},
    {"u", "ù", "ủ", "ũ", "ú", "ụ"},
    {"ư", "ừ", "ử", "ữ", "ứ", "ự"},
    {"y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"},
    {"đ"},
};

/* TCVN3 glyphs, same order. ư is 0xAD, the soft hyphen. */
static const char *const tcvn3[13][6] = {
    {"a", "µ", "¶", "·", "¸", "¹"},
    {"¨", "»", "¼", "½", "¾", "Æ"},
    {"©", "Ç", "È", "É", "Ê", "Ë"},
    {"e", "Ì", "Î", "Ï", "Ð", "Ñ"},
    {"ª", "Ò", "Ó", "Ô", "Õ", "Ö"},
    {"i", "×", "Ø", "Ü", "Ý", "Þ"},
    {"o", "ß", "á", "â", "ã", "ä"},
    {"«", "å", "æ", "ç", "è", "é"},
    {"¬", "ê", "ë", "ì", "í", "î"},
    {"u", "ï", "ñ", "ò", "ó", "ô"},
    {"\u00AD", "õ", "ö", "÷", "ø", "ù"},
    {"y", "ú", "û", "ü", "ý", "þ"},
    {"®"},
};
/* The only TCVN3 capitals: Ă Â Ê Ô Ơ Ư, by row, and Đ. */
static const char *const tcvn3_cap[13] = {NULL, "¡", "¢",  NULL, "£",  NULL, NULL,
                                          "¤",  "¥", NULL, "¦",  NULL, "§"};

/* VNI glyphs (lowercase; a capital is every glyph in capitals). */
static const char *const vni[13][6] = {
    {"a", "aø", "aû", "aõ", "aù", "aï"},
    {"aê", "aè", "aú", "aü", "aé", "aë"},
    {"aâ", "aà", "aå", "aã", "aá", "aä"},
    {"e", "eø", "eû", "eõ", "eù", "eï"},
    {"eâ", "eà", "eå", "eã", "eá", "eä"},
    {"i", "ì", "æ", "ó", "í", "ò"},
    {"o", "oø", "oû", "oõ", "où", "oï"},
    {"oâ", "oà", "oå", "oã", "oá", "oä"},
    {"ô", "ôø", "ôû", "ôõ", "ôù", "ôï"},
    {"u", "uø", "uû", "uõ", "uù", "uï"},
    {"ö", "öø", "öû", "öõ", "öù", "öï"},
    {"y", "yø", "yû", "yõ", "yù", "î"},
    {"ñ"},
};

static utf8proc_int32_t first_cp(const char *s)
{
    utf8proc_int32_t cp;
    utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
    return cp;
}

/* Glyph string -> the legacy bytes it shows (each code point is one byte); `upper` puts the
 * glyphs in capitals, as VNI's capitals are. */
static void add_glyphs(struct buf *b, const char *g, bool upper)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)g;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        if (n <= 0 || cp > 0xFF) {
            printf("FAIL bad glyph in the test table: %s\n", g);
            exit(1);
        }
        if (upper)
            cp = utf8proc_toupper(cp);
        buf_addc(b, (char)cp);
        p += n;
    }
}

/* Unicode (NFC UTF-8) -> TCVN3 or VNI. A TCVN3 capital with a tone takes the lowercase byte
 * (there is no other). Characters outside the alphabet must be ASCII. */
static void encode(struct buf *b, const char *s, enum legacy_charset cs)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &cp);
        p += n;
        if (cp < 0x80) {
            buf_addc(b, (char)cp);
            continue;
        }
        bool found = false;
        for (int r = 0; r < 13 && !found; r++)
            for (int t = 0; t < 6 && uni[r][t] && !found; t++) {
                utf8proc_int32_t lo = first_cp(uni[r][t]);
                bool up = utf8proc_toupper(lo) == cp;
                if (lo != cp && !up)
                    continue;
                found = true;
                if (cs == LEGACY_VNI)
                    add_glyphs(b, vni[r][t], up);
                else if (up && t == 0 && tcvn3_cap[r])
                    add_glyphs(b, tcvn3_cap[r], false);
                else
                    add_glyphs(b, tcvn3[r][t], up && t == 0);
            }
        if (!found) {
            printf("FAIL test encoder: U+%04X is not in the alphabet\n", (unsigned)cp);
            exit(1);
        }
    }
}

/* Is s[0..len) valid UTF-8 and NFC? (Text with a NUL byte: valid UTF-8 only.) */
static bool is_nfc(const char *s, size_t len)
{
    if (!text_valid_utf8(s, len))
        return false;
    if (memchr(s, '\0', len))
        return true;
    utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
    bool ok = n && strcmp((const char *)n, s) == 0;
    free(n);
    return ok;
}

static const char *decode(enum legacy_charset cs, const char *s, size_t len)
{
    size_t n;
    const char *out = legacy_convert(&A, cs, s, len, &n);
    if (!CHECK("converted text is valid NFC UTF-8", is_nfc(out, n)) ||
        !CHECK_INT_EQ("length matches the NUL", strlen(out), n))
        return "";
    return out;
}

/* Unicode -> legacy -> Unicode gives `want`. */
static void round_trip(const char *name, enum legacy_charset cs, const char *text, const char *want)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    encode(&b, text, cs);
    CHECK(name, !text_valid_utf8(b.data, b.len) || b.len == strlen(text));
    CHECK_STR_EQ(name, decode(cs, b.data, b.len), want);
    buf_release(&b);
}

static void check_alphabet(void)
{
    struct buf lower = BUF_INIT(BUF_NO_LIMIT), upper = BUF_INIT(BUF_NO_LIMIT),
               heading = BUF_INIT(BUF_NO_LIMIT), caps7 = BUF_INIT(BUF_NO_LIMIT);
    size_t letters = 0;
    for (int r = 0; r < 13; r++)
        for (int t = 0; t < 6 && uni[r][t]; t++) {
            utf8proc_uint8_t u[8];
            utf8proc_ssize_t n = utf8proc_encode_char(utf8proc_toupper(first_cp(uni[r][t])), u);
            buf_addf(&lower, "%s ", uni[r][t]);
            buf_add(&upper, u, (size_t)n);
            buf_addc(&upper, ' ');
            /* "KẾT": a capital with a tone inside a word in capitals */
            buf_adds(&heading, "K");
            buf_add(&heading, u, (size_t)n);
            buf_adds(&heading, "T ");
            if (t == 0 && (tcvn3_cap[r] || first_cp(uni[r][0]) < 0x80)) {
                buf_add(&caps7, u, (size_t)n);
                buf_addc(&caps7, ' ');
            }
            letters += first_cp(uni[r][t]) >= 0x80 ? 2 : 0;
        }
    CHECK_INT_EQ("the alphabet has 134 letters beyond ASCII", letters, 134);
    round_trip("TCVN3 lowercase alphabet", LEGACY_TCVN3, lower.data, lower.data);
    round_trip("VNI lowercase alphabet", LEGACY_VNI, lower.data, lower.data);
    round_trip("VNI uppercase alphabet", LEGACY_VNI, upper.data, upper.data);
    /* TCVN3: the 7 capitals without a tone are bytes of their own (and the 6 ASCII ones)... */
    round_trip("TCVN3 untoned capitals alone", LEGACY_TCVN3, caps7.data, caps7.data);
    /* ...the 60 with a tone come back in capitals inside a word in capitals... */
    round_trip("TCVN3 toned capitals in capital words", LEGACY_TCVN3, heading.data, heading.data);
    /* ...and alone as lowercase: the byte is the lowercase letter's (see legacy.h). */
    round_trip("TCVN3 toned capital alone is lowercase", LEGACY_TCVN3, "Ấ Ợ Ỵ Ặ", "ấ ợ ỵ ặ");
    buf_release(&lower);
    buf_release(&upper);
    buf_release(&heading);
    buf_release(&caps7);
}

/* Bytes written out by hand, from public examples and Unikey's behaviour. */
static void check_known_bytes(void)
{
    CHECK_STR_EQ("TCVN3 B\\xB6o Th\\xBEng", decode(LEGACY_TCVN3, LIT("B\xB6o Th\xBEng")),
                 "Bảo Thắng");
    CHECK_STR_EQ("TCVN3 M\\xAD\\xEAng Kh\\xAD\\xACng",
                 decode(LEGACY_TCVN3, LIT("M\xAD\xEAng Kh\xAD\xACng")), "Mường Khương");
    CHECK_STR_EQ("TCVN3 Ninh B\\xD7nh", decode(LEGACY_TCVN3, LIT("Ninh B\xD7nh")), "Ninh Bình");
    CHECK_STR_EQ("TCVN3 capitals \\xA7\\xA2", decode(LEGACY_TCVN3, LIT("\xA7\xA2")), "ĐÂ");
    CHECK_STR_EQ("VNI Xin chaøo caùc baïn",
                 decode(LEGACY_VNI, LIT("Xin cha\xF8o ca\xF9"
                                        "c ba\xEFn")),
                 "Xin chào các bạn");
    CHECK_STR_EQ("VNI \\xD1ie\\xE0u (mixed case)", decode(LEGACY_VNI, LIT("\xD1ie\xE0u")), "Điều");
    CHECK_STR_EQ("VNI Au (mixed-case pair)", decode(LEGACY_VNI, LIT("A\xF9")), "Á");
    CHECK_STR_EQ("VNI stray mark is Windows-1252", decode(LEGACY_VNI, LIT("\xF9 x\xE9")), "ù xé");
    CHECK_STR_EQ("VNI o + breve is no letter", decode(LEGACY_VNI, LIT("o\xEA")), "oê");
    CHECK_STR_EQ("TCVN3 curly quotes stay quotes",
                 decode(LEGACY_TCVN3, LIT("\x93"
                                          "B\xB8o\x94")),
                 "“Báo”");
    CHECK_STR_EQ("undefined Windows-1252 byte is U+FFFD", decode(LEGACY_VNI, LIT("a\x81")),
                 "a\xEF\xBF\xBD");
    /* Headings written in capitals under .VnTimeH */
    CHECK_STR_EQ("TCVN3 heading KÕT LUËN", decode(LEGACY_TCVN3, LIT("K\xD5T LU\xCBN")), "KẾT LUẬN");
    CHECK_STR_EQ("TCVN3 heading T\\xE6 CH\\xF8C",
                 decode(LEGACY_TCVN3, LIT("T\xE6 CH\xF8"
                                          "C")),
                 "TỔ CHỨC");
    CHECK_STR_EQ("TCVN3 H\\xE4P \\xEB X\\xB7", decode(LEGACY_TCVN3, LIT("H\xE4P \xEB X\xB7")),
                 "HỌP Ở XÃ");
    CHECK_STR_EQ("TCVN3 sentence case K\\xD5 ho\\xB9ch",
                 decode(LEGACY_TCVN3, LIT("K\xD5 ho\xB9"
                                          "ch")),
                 "Kế hoạch");
    CHECK_STR_EQ("TCVN3 beside an acronym S\\xEB TNMT", decode(LEGACY_TCVN3, LIT("S\xEB TNMT")),
                 "Sở TNMT");
    CHECK_STR_EQ("TCVN3 heading ends at the line",
                 decode(LEGACY_TCVN3, LIT("QUY\xD5T \xA7\xDENH\nV\xD2 vi\xD6"
                                          "c")),
                 "QUYẾT ĐỊNH\nVề việc");
    CHECK_STR_EQ("TCVN3 lowercase keys under .VnTimeH stay lowercase",
                 decode(LEGACY_TCVN3, LIT("k\xD5t lu\xCBn")), "kết luận");
}

static const char NOTICE[] =
    "THÔNG BÁO KẾT LUẬN CỦA CHỦ TỊCH UBND THỊ XÃ\n"
    "tại cuộc họp giao ban tháng 9 năm 2020\n"
    "Ngày 07/9/2020, Chủ tịch UBND thị xã chủ trì cuộc họp giao ban. Sau khi nghe báo cáo của "
    "các phòng, ban, Chủ tịch kết luận như sau:\n"
    "1. Giao Phòng Tài chính - Kế hoạch chủ trì, phối hợp với Phòng Tài nguyên và Môi trường "
    "tham mưu đề xuất phương án xử lý, báo cáo trước ngày 30/9/2020.\n"
    "2. UBND các phường khẩn trương rà soát, hoàn thành việc đo đạc đất đai trước ngày "
    "15/10/2020; Đội Quản lý trật tự đô thị tăng cường kiểm tra, xử lý nghiêm vi phạm.\n";

static void check_notice(enum legacy_charset cs, const char *name)
{
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    encode(&b, NOTICE, cs);
    char label[96];
    snprintf(label, sizeof label, "%s notice is not UTF-8", name);
    CHECK(label, !text_valid_utf8(b.data, b.len));
    snprintf(label, sizeof label, "%s notice detected", name);
    CHECK_INT_EQ(label, legacy_detect(b.data, b.len), cs);
    const char *out = NULL;
    size_t n = 0;
    enum legacy_charset found = LEGACY_UTF8;
    struct error e = ERROR_INIT;
    snprintf(label, sizeof label, "%s notice: legacy_to_utf8", name);
    CHECK_INT_EQ(label, legacy_to_utf8(&A, b.data, b.len, "file", &out, &n, &found, &e), ERR_OK);
    snprintf(label, sizeof label, "%s notice: found", name);
    CHECK_INT_EQ(label, found, cs);
    snprintf(label, sizeof label, "%s notice: text", name);
    CHECK_STR_EQ(label, out, NOTICE);
    snprintf(label, sizeof label, "%s notice: length", name);
    CHECK_INT_EQ(label, n, strlen(NOTICE));
    /* One line only: still enough words. */
    const char *nl = memchr(b.data, '\n', b.len);
    const char *second = nl + 1, *end = memchr(second, '\n', b.len - (size_t)(second - b.data));
    snprintf(label, sizeof label, "%s: one line of the notice detected", name);
    CHECK_INT_EQ(label, legacy_detect(second, (size_t)(end - second)), cs);
    buf_release(&b);
}

static void check_detection(void)
{
    check_notice(LEGACY_TCVN3, "TCVN3");
    check_notice(LEGACY_VNI, "VNI");

    /* Valid UTF-8 is not converted: the same pointer comes back. */
    const char *out = NULL;
    size_t n = 99;
    enum legacy_charset found = LEGACY_UNKNOWN;
    struct error e = ERROR_INIT;
    CHECK_INT_EQ("UTF-8 detected", legacy_detect(NOTICE, strlen(NOTICE)), LEGACY_UTF8);
    CHECK_INT_EQ("UTF-8 passes",
                 legacy_to_utf8(&A, NOTICE, strlen(NOTICE), "file", &out, &n, &found, &e), ERR_OK);
    CHECK("UTF-8 is not copied", out == NOTICE);
    CHECK_INT_EQ("UTF-8 found", found, LEGACY_UTF8);
    CHECK_INT_EQ("UTF-8 length", n, strlen(NOTICE));
    CHECK("no notice for UTF-8", legacy_charset_notice(LEGACY_UTF8) == NULL);

    /* Empty input */
    CHECK_INT_EQ("empty detected as UTF-8", legacy_detect(LIT("")), LEGACY_UTF8);
    CHECK_INT_EQ("empty passes", legacy_to_utf8(&A, "", 0, "file", &out, &n, &found, &e), ERR_OK);
    CHECK_STR_EQ("empty gives empty", out, "");
    CHECK_INT_EQ("empty length", n, 0);
    n = 7;
    CHECK_STR_EQ("empty TCVN3 convert", legacy_convert(&A, LEGACY_TCVN3, "", 0, &n), "");
    CHECK_INT_EQ("empty TCVN3 convert length", n, 0);

    /* Windows-1252 French and English: not Vietnamese. */
    static const char french[] =
        "Le conseil municipal s'est r\xE9uni \xE0 la mairie. Apr\xE8s la s\xE9"
        "ance, le "
        "pr\xE9sident a pr\xE9"
        "cis\xE9 que les d\xE9"
        "cisions \xE9taient prises. O\xF9 sont "
        "les \xE9l\xE8ves ? \xC7"
        "a va tr\xE8s bien, merci. Les probl\xE8mes \xE9"
        "conomiques "
        "du d\xE9partement ont \xE9t\xE9 \xE9tudi\xE9s, et l'h\xF4pital sera r\xE9nov\xE9 "
        "cet \xE9t\xE9. No\xEBl \xE0 F\xEAte-Dieu, ma\xEEtre d'h\xF4tel, na\xEFve, s\xFBr.";
    CHECK("French sample is not UTF-8", !text_valid_utf8(french, strlen(french)));
    CHECK_INT_EQ("Windows-1252 French is neither", legacy_detect(french, strlen(french)),
                 LEGACY_UNKNOWN);
    error_clear(&e);
    found = LEGACY_UTF8;
    CHECK_INT_EQ("French refused",
                 legacy_to_utf8(&A, french, strlen(french), "file", &out, &n, &found, &e),
                 ERR_INVALID);
    CHECK_INT_EQ("French: found unknown", found, LEGACY_UNKNOWN);
    CHECK_STR_EQ("French: the field is named", e.field, "file");
    CHECK("French: the message names both encodings", strstr(e.message, "TCVN3") &&
                                                          strstr(e.message, "VNI-Windows") &&
                                                          strstr(e.message, "UTF-8"));

    static const char english[] =
        "\x93The council\x92s report\x94 \x96 a caf\xE9 menu \x97 was filed on time. The "
        "na\xEFve r\xE9sum\xE9 of the d\xE9j\xE0 vu \x85 \xA9 2020, 25\xB0"
        "C, \xBD price.";
    CHECK_INT_EQ("Windows-1252 English is neither", legacy_detect(english, strlen(english)),
                 LEGACY_UNKNOWN);
    static const char german[] = "F\xFCr die \xDC"
                                 "berpr\xFC"
                                 "fung der Gr\xF6\xDF"
                                 "e m\xFCssen wir sch\xF6ne "
                                 "Gr\xFC\xDF"
                                 "e an M\xFCller und B\xE4"
                                 "cker schicken, w\xE4hrend \xE4ltere "
                                 "Bl\xE4tter h\xE4ngen.";
    CHECK_INT_EQ("Windows-1252 German is neither", legacy_detect(german, strlen(german)),
                 LEGACY_UNKNOWN);

    /* Windows-1258 (Vietnamese with combining tones): another encoding, refused, not misread. */
    static const char cp1258[] =
        "Ng\340y 07/9/2020, Chu\322 ti\362ch UBND thi\362 xa\336 chu\322 tri\314 cu\364\362c "
        "ho\362p giao ban. Sau khi nghe b\341o c\341o cu\322a c\341c pho\314ng, ban, Chu\322 "
        "ti\362ch k\352\354t lu\342\362n nh\375 sau: Giao Pho\314ng T\340i ch\355nh - K\352"
        "\354 hoa\362ch chu\322 tri\314, ph\364\354i h\365\362p v\365\354i Pho\314ng T\340i n"
        "guy\352n v\340 M\364i tr\375\365\314ng tham m\375u \360\352\314 xu\342\354t ph\375"
        "\365ng \341n x\375\322 ly\354.";
    CHECK_INT_EQ("Windows-1258 Vietnamese is neither", legacy_detect(cp1258, strlen(cp1258)),
                 LEGACY_UNKNOWN);

    /* UTF-8 with one broken byte: the rest is UTF-8, not TCVN3. */
    struct buf b = BUF_INIT(BUF_NO_LIMIT);
    buf_adds(&b, NOTICE);
    buf_addc(&b, (char)0xB8);
    CHECK_INT_EQ("UTF-8 with one bad byte is neither", legacy_detect(b.data, b.len),
                 LEGACY_UNKNOWN);
    buf_release(&b);

    /* Too little to tell: two words. */
    CHECK_INT_EQ("two TCVN3 words are too few", legacy_detect(LIT("B\xB6o Th\xBEng")),
                 LEGACY_UNKNOWN);
    CHECK_INT_EQ("three TCVN3 words are enough", legacy_detect(LIT("B\xB6o Th\xBEng L\xB8ng")),
                 LEGACY_TCVN3);

    /* Final k, of the Central Highlands' names only: "Đắk Lắk, Đắk Nông". */
    static const char dak[] = "\xA7\xBEk L\xBEk, \xA7\xBEk N\xABng";
    CHECK_INT_EQ("Đắk Lắk in TCVN3", legacy_detect(dak, sizeof dak - 1), LEGACY_TCVN3);

    /* Lone letters prove nothing: "à á ả ở ý ạ" reads as six one-letter words. */
    CHECK_INT_EQ("lone TCVN3 letters are no evidence",
                 legacy_detect(LIT("\xB5 \xB8 \xB6 \xEB \xFD \xB9")), LEGACY_UNKNOWN);

    /* Random bytes, many lengths and seeds: never taken for Vietnamese. */
    uint32_t x = 12345;
    int wrong = 0, runs = 0;
    for (int len = 8; len <= 8192; len *= 2)
        for (int seed = 0; seed < 25; seed++) {
            char *r = malloc((size_t)len);
            for (int i = 0; i < len; i++) {
                x = x * 1103515245u + 12345u;
                r[i] = (char)(x >> 16);
            }
            enum legacy_charset cs = legacy_detect(r, (size_t)len);
            wrong += cs == LEGACY_TCVN3 || cs == LEGACY_VNI;
            runs++;
            size_t m;
            const char *o =
                legacy_convert(&A, seed & 1 ? LEGACY_VNI : LEGACY_TCVN3, r, (size_t)len, &m);
            if (!text_valid_utf8(o, m)) {
                CHECK("random bytes convert to valid UTF-8", false);
                free(r);
                return;
            }
            free(r);
        }
    CHECK_INT_EQ("random inputs tried", runs, 275);
    CHECK_INT_EQ("random bytes taken for TCVN3 or VNI", wrong, 0);

    CHECK_STR_EQ("name TCVN3", legacy_charset_name(LEGACY_TCVN3), "TCVN3 (ABC)");
    CHECK_STR_EQ("name VNI", legacy_charset_name(LEGACY_VNI), "VNI-Windows");
    CHECK_STR_EQ("TCVN3 notice", legacy_charset_notice(LEGACY_TCVN3),
                 "Tệp được chuyển từ mã TCVN3 (ABC) sang Unicode (UTF-8).");
    CHECK_STR_EQ("VNI notice", legacy_charset_notice(LEGACY_VNI),
                 "Tệp được chuyển từ mã VNI-Windows sang Unicode (UTF-8).");
}

/* NUL bytes are text like any other: kept, and the length says where the text ends. */
static void check_nul(void)
{
    size_t n = 0;
    const char *out = legacy_convert(&A, LEGACY_TCVN3, "H\xB5\0N\xE9i", 6, &n);
    CHECK_INT_EQ("NUL kept: length", n, 9);
    CHECK("NUL kept: bytes", n == 9 && memcmp(out, "H\xC3\xA0\0N\xE1\xBB\x99i", 9) == 0);
    out = legacy_convert(&A, LEGACY_VNI, "a\0\xF9", 3, &n);
    CHECK("VNI: a mark after NUL does not join the letter before it",
          n == 4 && memcmp(out, "a\0\xC3\xB9", 4) == 0);
}

int main(void)
{
    check_alphabet();
    check_known_bytes();
    check_detection();
    check_nul();
    arena_release(&A);
    return check_report();
}
