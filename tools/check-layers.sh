#!/bin/sh
# check-layers.sh — the shape of src/ (see README, "How the code is laid out"):
# which folder may include which, where SQL and libraries may appear, and no
# file over 600 lines.
# One check per source file; ends with "layers: N passed, N failed".
#   main.c  -> anything
#   app     -> app http view domain store jobs util
#   http    -> http domain util           (no app, view or store: the app comes in struct server_app)
#   view    -> view http domain util      (no store: data comes in as structs)
#   jobs    -> jobs store domain util     (no app: the jobs are a table app registers)
#   store   -> store domain util sql      (the only place with SQL; store/X.c includes
#                                          "sql/X.h", generated from sql/X.sql, and no other)
#   domain  -> domain util                (pure: no SQLite, HTTP, curl)
#   util    -> util
set -u
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0

allowed() {
	case $1 in
	app) echo "app http view domain store jobs util" ;;
	http) echo "http domain util" ;;
	view) echo "view http domain util" ;;
	jobs) echo "jobs store domain util" ;;
	store) echo "store domain util sql" ;;
	domain) echo "domain util" ;;
	util) echo "util" ;;
	*) echo "" ;;
	esac
}

for f in src/*/*.c src/*/*.h; do
	layer=$(basename "$(dirname "$f")")
	ok=$(allowed "$layer")
	bad=""
	if [ -z "$ok" ]; then
		bad="folder '$layer' is not a layer"
	fi
	for inc in $(sed -n 's/^#include "\([a-z_]*\)\/.*"$/\1/p' "$f"); do
		case " $ok " in
		*" $inc "*) ;;
		*) bad="$bad${bad:+; }includes $inc/ (a $layer file may include: $ok)" ;;
		esac
	done
	if [ "$layer" != store ] && grep -Eq 'sqlite3_|<sqlite3\.h>|"(SELECT|INSERT|UPDATE|DELETE) ' "$f"; then
		bad="$bad${bad:+; }SQL or SQLite outside src/store/"
	fi
	if [ "$(wc -l < "$f")" -gt 600 ]; then
		bad="$bad${bad:+; }over 600 lines: split it by what it does"
	fi
	if [ "$layer" = domain ] && grep -Eq '<(microhttpd|curl/curl|jansson)\.h>' "$f"; then
		bad="$bad${bad:+; }I/O library in the domain"
	fi
	for q in $(sed -n 's/^#include "sql\/\([a-z_]*\)\.h"$/\1/p' "$f"); do
		[ "src/store/$q.c" = "$f" ] || bad="$bad${bad:+; }includes sql/$q.h, the SQL of store/$q.c"
	done
	if [ -n "$bad" ]; then
		echo "FAIL $f: $bad"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
for q in sql/*.sql; do
	[ -e "$q" ] || continue
	m=$(basename "$q" .sql)
	if grep -q "^#include \"sql/$m.h\"$" "src/store/$m.c" 2>/dev/null; then
		passed=$((passed + 1))
	else
		echo "FAIL $q: no src/store/$m.c includes sql/$m.h"
		failed=$((failed + 1))
	fi
done
echo "layers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
