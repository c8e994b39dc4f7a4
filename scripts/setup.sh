#!/bin/sh
# The newcomer's one command: install what is missing, build, load the seed
# demo into ./giaoban.db (or $GIAOBAN_DB), show the figures the seeds quote and
# the demo accounts, then serve the web page and the API on 127.0.0.1:8080.
set -eu
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh
make -j"$(nproc 2>/dev/null || echo 2)"
DB=${GIAOBAN_DB:-giaoban.db}
GB=build/giaoban
$GB --db "$DB" demo --replace
echo
echo "== UBND huyện Cao Lộc, nhiệm vụ UBND tỉnh giao 6 tháng đầu năm 2020, đến 19/6/2020 =="
$GB --db "$DB" report summary --unit "UBND huyện Cao Lộc" --by "UBND tỉnh Lạng Sơn" \
    --from 2020-01-01 --to 2020-06-30 --as-of 2020-06-19
echo
echo "== UBND thị xã Cửa Lò, giao ban ngày 07/9/2020 =="
$GB --db "$DB" report summary --unit "UBND thị xã Cửa Lò" --subtree --by "UBND thị xã Cửa Lò" \
    --as-of 2020-09-07
echo
$GB --db "$DB" report documents --unit "UBND thị xã Cửa Lò" --from 2020-08-01 --to 2020-08-31
echo
echo "Cơ sở dữ liệu: $DB. Thử: $GB --db $DB search \"kenh muong\"; $GB --help"
echo
# The web page and the API, until Ctrl+C. LISTEN=0.0.0.0:8080 serves the office network;
# NO_SERVE=1 stops here.
[ "${NO_SERVE:-0}" = 1 ] && exit 0
LISTEN=${LISTEN:-127.0.0.1:8080}
echo "Trang web: http://$LISTEN/ (đăng nhập bằng một tài khoản dùng thử in ở trên; Ctrl+C để dừng)"
exec $GB --db "$DB" serve --listen "$LISTEN"
