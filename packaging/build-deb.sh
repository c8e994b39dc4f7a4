#!/bin/sh
# Build BUILD/giaoban_VERSION_ARCH.deb with dpkg-deb from packaging/ (make deb):
#   sh packaging/build-deb.sh BUILD VERSION
# BUILD holds the built giaoban and giaoban.1. The Depends line is what dpkg-shlibdeps
# finds the binary linked against (Debian's package names for its shared libraries),
# plus adduser for the postinst. Files are root-owned in the package; the postinst
# gives /var/lib/giaoban and the configuration's group to the giaoban user.
set -eu
BUILD=$1
VERSION=$2
cd "$(dirname "$0")/.."
umask 022
export LC_ALL=C.UTF-8
for tool in dpkg-deb dpkg-shlibdeps strip gzip; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "build-deb: $tool is missing (dpkg-dev, binutils: scripts/install-deps.sh)" >&2
        exit 1
    }
done
ARCH=$(dpkg --print-architecture)
WORK=$(cd "$BUILD" && pwd)/deb
ROOT=$WORK/root
OUT=$BUILD/giaoban_${VERSION}_${ARCH}.deb
rm -rf "$WORK"
mkdir -p "$ROOT/DEBIAN" "$ROOT/usr/bin" "$ROOT/usr/share/man/man1" \
    "$ROOT/usr/share/doc/giaoban" "$ROOT/etc/giaoban" "$ROOT/lib/systemd/system"

install -m 0755 "$BUILD/giaoban" "$ROOT/usr/bin/giaoban"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$ROOT/usr/bin/giaoban"
gzip -9n <"$BUILD/giaoban.1" >"$ROOT/usr/share/man/man1/giaoban.1.gz"
chmod 0644 "$ROOT/usr/share/man/man1/giaoban.1.gz"
install -m 0644 packaging/giaoban.conf "$ROOT/etc/giaoban/giaoban.conf"
install -m 0644 packaging/giaoban.service "$ROOT/lib/systemd/system/giaoban.service"
install -m 0644 packaging/debian/copyright "$ROOT/usr/share/doc/giaoban/copyright"
install -m 0644 packaging/debian/conffiles "$ROOT/DEBIAN/conffiles"
for s in postinst prerm postrm; do
    install -m 0755 "packaging/debian/$s" "$ROOT/DEBIAN/$s"
done

# dpkg-shlibdeps reads debian/control of the directory it runs in.
mkdir -p "$WORK/shlibs/debian"
printf 'Source: giaoban\n\nPackage: giaoban\nArchitecture: any\n' >"$WORK/shlibs/debian/control"
deps=$(cd "$WORK/shlibs" && dpkg-shlibdeps -O -e "$ROOT/usr/bin/giaoban" 2>"$WORK/shlibdeps.log") || {
    cat "$WORK/shlibdeps.log" >&2
    exit 1
}
deps=${deps#shlibs:Depends=}
[ -n "$deps" ] || { echo "build-deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
size=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
sed -e "s|@VERSION@|$VERSION|" -e "s|@ARCH@|$ARCH|" -e "s|@SIZE@|$size|" \
    -e "s|@DEPENDS@|$deps|" packaging/debian/control >"$ROOT/DEBIAN/control"
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -type f -print | sed 's|^\./||' | sort |
    xargs md5sum) >"$ROOT/DEBIAN/md5sums"

dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "$OUT"
