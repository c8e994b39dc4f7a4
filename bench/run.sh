#!/bin/sh
# bench/run.sh - the whole core-store benchmark of docs/PERFORMANCE.md.
#
#   sh bench/run.sh [TASKS]        default 1000000
#
# Builds the tools (make bench, unless NO_BUILD=1), generates the dataset
# into a SQLite file and times the load, runs bench_run on it; then starts
# a throwaway PostgreSQL cluster (scripts/pg-cluster.sh), does the same
# there and stops the cluster (NO_PG=1 skips PostgreSQL). Prints one table.
#
#   BUILD      build directory               (build-bench)
#   BENCH_DIR  where the SQLite file and logs go, never the repository
#              (/tmp/giaoban-bench)
#   PG_DIR     the throwaway cluster's folder (/tmp/bench-pg)
#   RUNS       timed runs per question, after one warm-up (9)
#   SEED       dataset seed (20200619)
#
# The machine is shared: run it when nothing else is busy, or twice.
set -eu

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build-bench}
TASKS=${1:-1000000}
DIR=${BENCH_DIR:-/tmp/giaoban-bench}
PG_DIR=${PG_DIR:-/tmp/bench-pg}
RUNS=${RUNS:-9}
SEED=${SEED:-20200619}

case "$DIR" in "$(pwd)"*) echo "run.sh: BENCH_DIR must be outside the repository" >&2; exit 2 ;; esac
if [ "${NO_BUILD:-0}" != 1 ]; then
    make BUILD="$BUILD" bench >/dev/null
fi
mkdir -p "$DIR"

# One backend: generate (timed by bench_gen itself), then the timed questions.
bench_one() { # NAME URL
    echo "run.sh: $1: generating $TASKS tasks..." >&2
    "$BUILD/bench/bench_gen" --db "$2" --tasks "$TASKS" --seed "$SEED" --replace \
        >"$DIR/gen-$1.txt"
    echo "run.sh: $1: $(grep '^load_seconds=' "$DIR/gen-$1.txt")" >&2
    echo "run.sh: $1: timing..." >&2
    "$BUILD/bench/bench_run" --db "$2" --runs "$RUNS" >"$DIR/run-$1.txt"
}

rm -f "$DIR/bench.db" "$DIR/bench.db-wal" "$DIR/bench.db-shm" "$DIR"/run-*.txt "$DIR"/gen-*.txt
bench_one sqlite "$DIR/bench.db"

if [ "${NO_PG:-0}" != 1 ]; then
    url=$(sh scripts/pg-cluster.sh start "$PG_DIR")
    trap 'sh scripts/pg-cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || true' EXIT
    bench_one postgres "$url"
fi

# The table: one row per question, the medians side by side.
echo
echo "Giao Ban core store benchmark: $TASKS tasks, seed $SEED, $RUNS runs after a warm-up"
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -1)," \
    "$(free -h | awk '/^Mem:/ {print $2}') RAM"
for b in sqlite postgres; do
    [ -f "$DIR/gen-$b.txt" ] || continue
    printf 'load %-8s  %s s, loader cpu %s  (%s)\n' "$b" \
        "$(sed -n 's/^load_seconds=//p' "$DIR/gen-$b.txt")" \
        "$(sed -n 's/^cpu_seconds=\([0-9.]*\).*/\1 s/p' "$DIR/gen-$b.txt")" \
        "$(sed -n 's/^phases: //p' "$DIR/gen-$b.txt")"
done
echo
awk -v pg="$DIR/run-postgres.txt" '
    BEGIN {
        printf "%-22s %-11s %10s %10s %12s  %s\n", "question", "as of", "sqlite ms", "sqlite cpu", "postgres ms", "answer (sqlite)"
        while ((getline line < pg) > 0) {
            if (line ~ /^#/) continue
            split(line, f, /  +/); k = f[2] "|" f[3]; pgms[k] = f[4]
        }
    }
    /^#/ { next }
    {
        split($0, f, /  +/); k = f[2] "|" f[3]
        printf "%-22s %-11s %10s %10s %12s  %s\n", f[2], f[3], f[4], f[7], (k in pgms ? pgms[k] : "-"), f[8]
    }' "$DIR/run-sqlite.txt"
echo
echo "goals (SQLite): province summary < 50 ms, a unit's overdue list < 2 ms, load < 30 s"
