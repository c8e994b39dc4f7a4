/*
 * text/legacy.h - Vietnamese text in the 8-bit encodings of old software: TCVN3 and VNI.
 *
 * Before Unicode, Vietnamese offices typed in TCVN3 ("ABC", TCVN 5712:1993 VN3; fonts .VnTime,
 * .VnArial, and .VnTimeH for capitals) or in VNI-Windows (fonts VNI-Times...). Old .doc files
 * and CSV exports of old software still carry those bytes. This module recognises them and
 * converts them to NFC UTF-8. No I/O; results come from the caller's arena.
 *
 * HOW A CALLER USES IT (importers, `giaoban extract`, anything that reads a file of text):
 *
 *     const char *text;
 *     size_t text_len;
 *     enum legacy_charset cs;
 *     if ((rc = legacy_to_utf8(a, data, len, "file", &text, &text_len, &cs, e)))
 *         return rc;                       // ERR_INVALID, message for the clerk already set
 *     if (cs != LEGACY_UTF8)
 *         tell_the_clerk(legacy_charset_notice(cs));
 *             // "Tệp được chuyển từ mã TCVN3 (ABC) sang Unicode (UTF-8)." and read on
 *     ... parse text[0..text_len) instead of data[0..len) ...
 *
 *   - Valid UTF-8 comes back as is (`text` == `data`, nothing copied, cs = LEGACY_UTF8): call
 *     it on every file, it costs one validation pass when there is nothing to convert.
 *   - Check NUL bytes, size limits and the UTF-8 BOM as before; the converted text holds the
 *     same lines in the same order, so line numbers the caller reports stay right.
 *   - Say which encoding was found, every time (legacy_charset_notice): a guess is a guess,
 *     and the clerk who sees "TCVN3" on a file saved from a VNI machine knows to look.
 *   - When neither encoding is recognised, legacy_to_utf8 returns ERR_INVALID naming `field`,
 *     with a Vietnamese message that asks for the file to be saved as UTF-8 (Unikey's
 *     converter, or Excel's "CSV UTF-8"). The caller may prefix the line number.
 *
 * THE TABLES. Both cover the whole Vietnamese alphabet: the 12 vowels a ă â e ê i o ô ơ u ư y,
 * each without a tone and with each of the 5 tones (huyền, hỏi, ngã, sắc, nặng), and đ, in
 * both cases: the 134 letters beyond ASCII. Bytes no letter uses are read as Windows-1252 (curly
 * quotes and dashes of Word, which both font families left there); its 5 undefined bytes become
 * U+FFFD.
 *
 * - TCVN3 is one byte a letter. The ABC standard has single bytes for the 7 capitals without a
 *   tone (Ă Â Ê Ô Ơ Ư Đ, 0xA1-0xA7) but NONE for the 60 capitals with a tone: documents got
 *   capitals such as "KẾT LUẬN" by setting the lowercase bytes in a capitals-only font
 *   (.VnTimeH), and that font name is not in the bytes. So a toned byte reads as a lowercase
 *   letter, except in a word written in capitals: a word whose ASCII letters are all capitals
 *   (at least two of them, "KÕT" -> "KẾT"), or a word without lowercase ASCII letters next
 *   on the same line to such a word or to one made capitals so ("Tæ CHøC" -> "TỔ CHỨC",
 *   "HäP ë X·" -> "HỌP Ở XÃ"), has its Vietnamese letters in capitals too. "KÕ ho¹ch"
 *   stays "Kế hoạch", "Së TNMT" stays "Sở TNMT".
 *   A heading typed in lowercase keys under .VnTimeH comes out in lowercase: right letters,
 *   wrong case, nothing lost.
 * - VNI-Windows writes most letters as a base letter and a following mark byte ("a" + 0xF9 =
 *   "á", "a" + 0xE1 = "ấ", "a" + 0xE9 = "ắ"), some as one byte (ơ ư đ, the five toned i, ỵ).
 *   Capitals have their own bytes (0x20 below the lowercase ones); the case of the result is
 *   the case of the base letter, so a mixed pair ("Aù") still reads "Á". A mark byte with no
 *   base letter before it that can carry it is read as Windows-1252.
 *
 * DETECTION. Each candidate decoding is split into words; every word that holds a byte above
 * 0x7F is checked as a Vietnamese syllable (initial consonant, rhyme from the list of
 * Vietnamese rhymes, at most one tone, and only sắc or nặng before a final c, ch, p, t). An
 * encoding is chosen when at least LEGACY_MIN_WORDS such words read as syllables, at least 4
 * in 5 of them do, and the other encoding does clearly worse. Otherwise the answer is
 * LEGACY_UNKNOWN: a Windows-1252 French or German text, random bytes, a UTF-8 file with a few
 * broken bytes, or too little text to tell. A word of one letter ("ở") is no evidence for,
 * only against. Detection stops after 20,000 words with a byte above 0x7F: time stays
 * bounded on a file of 200 MB, which is then judged on its first part. Other Vietnamese
 * encodings (Windows-1258, VISCII, VPS) are not converted; a Windows-1258 notice is refused
 * (tested), the others were not tried.
 */
#ifndef GB_TEXT_LEGACY_H
#define GB_TEXT_LEGACY_H

#include <stddef.h>

#include "util/arena.h"
#include "util/error.h"

enum legacy_charset {
    LEGACY_UTF8 = 0, /* valid UTF-8 already: nothing to convert */
    LEGACY_TCVN3,    /* TCVN3 (ABC), .VnTime fonts */
    LEGACY_VNI,      /* VNI-Windows, VNI-Times fonts */
    LEGACY_UNKNOWN,  /* not UTF-8, and not recognisably either of the two */
};

/* Words that must read as Vietnamese syllables before an encoding is chosen. */
#define LEGACY_MIN_WORDS 3

/* What s[0..len) is written in (see DETECTION above). Empty input is LEGACY_UTF8. Never fails. */
enum legacy_charset legacy_detect(const char *s, size_t len);

/* s[0..len) read as `cs` (LEGACY_TCVN3 or LEGACY_VNI), as NFC UTF-8 allocated from `a`,
 * NUL-terminated, its length in *out_len (NUL bytes of the input are kept, as U+0000). Every
 * byte string converts; at most 3 bytes out for a byte in. Any other `cs` is a BUG(). */
char *legacy_convert(struct arena *a, enum legacy_charset cs, const char *s, size_t len,
                     size_t *out_len);

/*
 * The one call for readers of files (see the top of this file): valid UTF-8 is given back as
 * is (*out = s, LEGACY_UTF8); TCVN3 or VNI is detected and converted (from `a`); anything
 * else is ERR_INVALID naming `field`. *found says which; it is set on error too (UNKNOWN).
 */
int legacy_to_utf8(struct arena *a, const char *s, size_t len, const char *field, const char **out,
                   size_t *out_len, enum legacy_charset *found, struct error *e);

/* "UTF-8", "TCVN3 (ABC)", "VNI-Windows", "không rõ". Static storage. */
const char *legacy_charset_name(enum legacy_charset cs);

/* The sentence to show the clerk after a conversion: "Tệp được chuyển từ mã TCVN3 (ABC) sang
 * Unicode (UTF-8)." (NULL for LEGACY_UTF8 and LEGACY_UNKNOWN). Static storage. */
const char *legacy_charset_notice(enum legacy_charset cs);

#endif
