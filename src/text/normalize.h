/*
 * text/normalize.h - Vietnamese text at the door: validation, NFC, search keys.
 *
 * Every string a user or another system gives us passes text_clean() before
 * it is stored: valid UTF-8 or refused, NFC (NFD from macOS and some web
 * forms is composed), control characters refused, spaces trimmed, length
 * capped. text_fold() makes the search key: no tone marks, no case, đ -> d,
 * runs of spaces and punctuation as one space, so "ke hoach" finds "Kế
 * hoạch" and "tckh" can be compared with "TC-KH". Built on utf8proc.
 * No I/O. Results are allocated from the caller's arena.
 */
#ifndef GB_TEXT_NORMALIZE_H
#define GB_TEXT_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"
#include "util/error.h"

/* Is s[0..len) valid UTF-8 (no overlongs, no surrogates)? */
bool text_valid_utf8(const char *s, size_t len);

/* The first character of valid UTF-8 s[0..len) that no stored text may hold: C0 controls
 * (but '\n', '\t' and '\r' when `multiline`), DEL, C1 controls and the bidi overrides that can
 * make a name display as something else. Gives its byte offset, or -1 when there is none. */
long text_find_control(const char *s, size_t len, bool multiline);

/*
 * Validate and normalise one field. `max_bytes` caps the result; `multiline`
 * allows '\n' (other control characters are always refused). An empty result
 * is ERR_INVALID unless `allow_empty`. Errors name `field` in Vietnamese.
 */
int text_clean(struct arena *a, const char *s, const char *field, size_t max_bytes,
               bool multiline, bool allow_empty, const char **out, struct error *e);

/* The search key of valid UTF-8 `s`: see the top of this file. Never fails. */
char *text_fold(struct arena *a, const char *s);

/* Same as text_fold, but letters and digits only, no spaces: "Phòng TC-KH" -> "phongtckh". */
char *text_fold_compact(struct arena *a, const char *s);

/* Columns `s` takes at a terminal (NFC Vietnamese: one per letter, whatever its marks). */
size_t text_display_width(const char *s);

#endif
