#!/bin/sh
# The imports' fuzzer (fuzz/fuzz_import.c: dossier and indicator CSV, indicator XLSX, against
# the demo; a refused import must have written nothing) for a while under ASan+UBSan:
#   tests/app/fuzz_import.sh [WORKDIR [BUILD]]   (FUZZ_SECONDS, default 30)
# Builds it into WORKDIR, replays fuzz/regression_import/ and the seeds of
# fuzz/corpus_import/, fuzzes; a fuzzer that cannot be built or run fails
# (fuzz/run_fuzzer.sh). The last line is "N passed, M failed".
cd "$(dirname "$0")/../.." || exit 1
# The faults it found are fixed: none is excused any more (the harness's NOTE cases fail).
export FUZZ_IMPORT_STRICT=1
exec sh fuzz/run_fuzzer.sh import 32768 "$@"
