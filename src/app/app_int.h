/*
 * app/app_int.h - helpers shared by the app_*.c files; not for callers of app.h.
 */
#ifndef GB_APP_APP_INT_H
#define GB_APP_APP_INT_H

#include "app/app.h"

/* text_clean into ctx->a. */
int app_clean(struct app *ctx, const char *s, const char *field, size_t max, bool multiline,
              bool allow_empty, const char **out, struct error *e);
/* "12" -> 12; "" or NULL -> 0; anything else ERR_INVALID naming `field`. */
int app_parse_id(const char *text, const char *field, int64_t *out, struct error *e);

#endif
