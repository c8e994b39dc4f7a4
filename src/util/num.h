/* Strict decimal integers from text: ASCII digits only, no sign, no blank, no base prefix,
 * within 64 bits. strtoll accepts " +12", saturates beyond 64 bits and needs errno to tell;
 * every id, count and limit a user types goes through here instead, so "99999999999999999999"
 * is refused rather than read as INT64_MAX. */
#ifndef GIAOBAN_UTIL_NUM_H
#define GIAOBAN_UTIL_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The digits s[0..n) as a non-negative integer; false if empty, not all digits, or above
 * INT64_MAX. *out is 0 when false. */
bool num_parse_u63(const char *s, size_t n, int64_t *out);

/* The same for a NUL-terminated string. */
bool num_parse_u63z(const char *s, int64_t *out);

#endif
