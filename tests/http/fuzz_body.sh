#!/bin/sh
# The request bodies' fuzzer (fuzz/fuzz_body.c: every POST route with any JSON body, as each
# role, against the demo; never a 5xx, a refusal writes nothing and names its field) for a
# while under ASan+UBSan, as CI runs it:
#   tests/http/fuzz_body.sh [WORKDIR [BUILD]]   (FUZZ_SECONDS, default 30)
# Builds it into WORKDIR, replays fuzz/regression_body/ and the seeds of fuzz/corpus_body/,
# fuzzes with fuzz/fuzz_body.dict; a fuzzer that cannot be built or run fails
# (fuzz/run_fuzzer.sh). The last line is "N passed, M failed".
cd "$(dirname "$0")/../.." || exit 1
# The faults it found are fixed: none is excused any more (the harness's NOTE cases fail).
export FUZZ_BODY_STRICT=1
exec sh fuzz/run_fuzzer.sh body 16384 "$@"
