#!/bin/sh
# Make giaoban(1) from packaging/giaoban.1.in: @COMMANDS@ becomes one subsection per
# command, read from the built binary's own help (`giaoban --help`, then
# `giaoban COMMAND [SUBCOMMAND] --help`), so the page lists what the program has.
#   sh packaging/gen-man.sh BINARY TEMPLATE VERSION > giaoban.1
set -eu
BIN=$1
TEMPLATE=$2
VERSION=$3
export LC_ALL=C.UTF-8

# roff-escape one line of text: backslashes, hyphens, and a leading '.' or "'".
esc() { sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

commands() {
    "$BIN" --help | awk '/^Các lệnh:/ { on = 1; next } on && /^$/ { exit } on { print $1, $2 }' |
    while read -r name second; do
        # The second column is a subcommand when the program takes it as one.
        if [ -n "$second" ] && "$BIN" "$name" "$second" --help 2>/dev/null |
            head -n 1 | grep -q "^giaoban $name $second\\( \\|\$\\)"; then
            title="$name $second"
            help=$("$BIN" "$name" "$second" --help)
        else
            title=$name
            help=$("$BIN" "$name" --help)
        fi
        synopsis=$(printf '%s\n' "$help" | head -n 1)
        printf '.SS %s\n' "$(printf '%s' "$title" | esc)"
        # A long list of choices (a|b|c) may break after each bar (\:).
        printf '\\fBgiaoban %s\\fR%s\n' "$(printf '%s' "$title" | esc)" \
            "$(printf '%s' "${synopsis#giaoban $title}" | esc | sed 's/|/|\\:/g')"
        printf '%s\n' "$help" | tail -n +2 | while IFS= read -r line; do
            [ -n "$line" ] || continue
            printf '.PP\n%s\n' "$(printf '%s' "$line" | esc)"
        done
    done
}

list=$(commands)
[ -n "$list" ] || { echo "gen-man: no commands read from $BIN --help" >&2; exit 1; }
DATE=$(date -u -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}" +%Y-%m-%d)
while IFS= read -r line; do
    case $line in
    @COMMANDS@) printf '%s\n' "$list" ;;
    *) printf '%s\n' "$line" | sed -e "s/@VERSION@/$VERSION/g" -e "s/@DATE@/$DATE/g" ;;
    esac
done < "$TEMPLATE"
