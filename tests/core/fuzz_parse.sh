#!/bin/sh
# The parsers' fuzzer (fuzz/fuzz_parse.c: day_parse, vnum_parse, app_parse_month,
# text_clean, text_fold) for a while under ASan+UBSan, as CI runs it:
#   tests/core/fuzz_parse.sh [WORKDIR [BUILD]]   (FUZZ_SECONDS, default 30)
# Builds it into WORKDIR, replays fuzz/regression_parse/ and the seeds of
# fuzz/corpus_parse/, fuzzes; a fuzzer that cannot be built or run fails
# (fuzz/run_fuzzer.sh). The last line is "N passed, M failed".
cd "$(dirname "$0")/../.." || exit 1
# The faults it found are fixed: none is excused any more (the harness's NOTE cases fail).
export FUZZ_PARSE_STRICT=1
exec sh fuzz/run_fuzzer.sh parse 4096 "$@"
