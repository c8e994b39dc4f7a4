/*
 * tests/core/test_vnum.c - Vietnamese number text: formatting and strict parsing.
 */
#include "check.h"
#include "core/vnum.h"

static const char *fmt(struct buf *b, int64_t milli, int dec)
{
    buf_reset(b);
    vnum_add(b, milli, dec);
    return b->data;
}

static const char *pct(struct buf *b, int64_t tenths)
{
    buf_reset(b);
    vnum_add_percent(b, tenths);
    return b->data;
}

int main(void)
{
    struct buf b = BUF_INIT(256);
    CHECK_STR_EQ("seed output", fmt(&b, 1297314000, 0), "1.297.314");
    CHECK_STR_EQ("one decimal", fmt(&b, 1297314500, 1), "1.297.314,5");
    CHECK_STR_EQ("rounded away", fmt(&b, 1297314500, 0), "1.297.315");
    CHECK_STR_EQ("trailing zeros dropped", fmt(&b, 2500, 3), "2,5");
    CHECK_STR_EQ("three decimals", fmt(&b, 1234, 3), "1,234");
    CHECK_STR_EQ("zero", fmt(&b, 0, 2), "0");
    CHECK_STR_EQ("negative", fmt(&b, -2500, 1), "-2,5");
    CHECK_STR_EQ("tiny negative rounds to 0", fmt(&b, -4, 2), "0");
    CHECK_STR_EQ("under a thousand", fmt(&b, 999000, 0), "999");
    CHECK_STR_EQ("exactly a thousand", fmt(&b, 1000000, 0), "1.000");
    CHECK_STR_EQ("percent 126,1", pct(&b, 1261), "126,1%");
    CHECK_STR_EQ("percent 23", pct(&b, 230), "23%");
    CHECK_STR_EQ("percent 71,2", pct(&b, 712), "71,2%");
    CHECK_STR_EQ("percent negative", pct(&b, -5), "-0,5%");

    static const struct {
        const char *name, *text;
        int ok;
        int64_t milli;
    } rows[] = {
        {"dotted thousands", "1.297.314", 1, 1297314000},
        {"plain digits", "1297314", 1, 1297314000},
        {"decimal comma", "1297314,5", 1, 1297314500},
        {"dots and comma", "1.297.314,5", 1, 1297314500},
        {"spaces around", "  7 ", 1, 7000},
        {"negative", "-12,75", 1, -12750},
        {"plus sign", "+3", 1, 3000},
        {"three decimals", "0,125", 1, 125},
        {"English thousands", "1,297,314", 0, 0},
        {"English decimal point", "1297314.5", 0, 0},
        {"short group", "1.29", 0, 0},
        {"long first group", "1234.567", 0, 0},
        {"four decimals", "1,2345", 0, 0},
        {"empty", "", 0, 0},
        {"word", "mười", 0, 0},
        {"trailing text", "12 tỷ", 0, 0},
        {"comma without digits", "12,", 0, 0},
        {"dot at end", "12.", 0, 0},
        {"too big", "10000000000000000", 0, 0},
        {"the largest", "1000000000000000", 1, 1000000000000000000},
        {"beyond the largest by its decimals", "1000000000000000,5", 0, 0},
        {"just below the largest", "999999999999999,999", 1, 999999999999999999},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        struct error e = ERROR_INIT;
        int64_t v = -1;
        int rc = vnum_parse(rows[i].text, &v, "value", &e);
        CHECK_INT_EQ(rows[i].name, rc == 0, rows[i].ok);
        if (rows[i].ok && rc == 0)
            CHECK_INT_EQ(rows[i].name, v, rows[i].milli);
        if (!rows[i].ok)
            CHECK_STR_EQ(rows[i].name, e.field, "value");
    }
    /* Round trip: what the report prints, an import reads back. */
    for (int64_t v = -2000000; v <= 2000000000; v += 12345679) {
        buf_reset(&b);
        vnum_add(&b, v, 3);
        int64_t back = 0;
        struct error e = ERROR_INIT;
        if (!CHECK("round trip parses", vnum_parse(b.data, &back, "v", &e) == 0) ||
            !CHECK_INT_EQ("round trip value", back, v))
            break;
    }
    buf_release(&b);
    return check_report();
}
