#include "util/num.h"

#include <string.h>

bool num_parse_u63(const char *s, size_t n, int64_t *out)
{
    int64_t v = 0;
    *out = 0;
    if (!s || n == 0)
        return false;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        int d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

bool num_parse_u63z(const char *s, int64_t *out)
{
    return num_parse_u63(s, s ? strlen(s) : 0, out);
}
