/*
 * app/briefing_int.h - what app_briefing.c shares with app_import.c and
 * demo_briefing.c; not for callers of briefing.h.
 */
#ifndef GB_APP_BRIEFING_INT_H
#define GB_APP_BRIEFING_INT_H

#include "app/briefing.h"

/* Clean, resolve and check one dossier as app_dossier_add does, writing nothing. */
int briefing_dossier_check(struct app *ctx, const struct dossier_input *in,
                           struct dossier_rec *d, struct error *e);

/* What the audit trail keeps of a dossier (JSON text in ctx->a), as added or imported. */
const char *briefing_dossier_audit(struct app *ctx, const struct dossier_rec *d);

#endif
