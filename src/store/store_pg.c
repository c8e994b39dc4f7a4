#include "store/store_int.h"
int store_pg_open(const char *url, struct store **out, struct error *e)
{
    (void)url; (void)out;
    return error_set(e, ERR_STORE, "db", "PostgreSQL chưa được hỗ trợ");
}
