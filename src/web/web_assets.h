/*
 * web/web_assets.h - the web page's files, compiled into the binary.
 *
 * The files of src/web/ (index.html, app.css, the ES modules *.js) are turned into C
 * arrays at build time by tools/embed_web.c; the HTTP server answers
 * GET /<name> (and GET / with index.html) from here, with the content type,
 * and the ETag for If-None-Match. Nothing here touches the network or files.
 */
#ifndef GB_WEB_WEB_ASSETS_H
#define GB_WEB_WEB_ASSETS_H

#include <stddef.h>

struct web_asset {
    const char *path;         /* "/app.js"; "/" for index.html too */
    const char *content_type; /* "text/javascript; charset=utf-8" */
    const char *etag;         /* quoted strong ETag: "\"0123456789abcdef\"" */
    const unsigned char *data;
    size_t len;
};

/* Every asset, ending with a zeroed sentinel. Static storage. */
extern const struct web_asset web_assets[];

/* The asset served at `path` (without the query string), or NULL. */
const struct web_asset *web_asset_find(const char *path);

#endif
