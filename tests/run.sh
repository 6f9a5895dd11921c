#!/bin/sh
# run.sh BUILD — run every suite (unit, HTTP, browser) against BUILD/kakekomi
# and end with one line over all of them: "N passed, N failed".
set -u
build=${1:-build}
export KAKEKOMI_BIN="$PWD/$build/kakekomi"
passed=0
failed=0
log=$(mktemp)

count() { # suite-name, then the suite's output on stdin
	tee "$log"
	p=$(sed -n 's/^.*\[  PASSED  \] \([0-9]*\) test.*$/\1/p; s/^[a-z-]*: \([0-9]*\) passed, [0-9]* failed$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^.*\[  FAILED  \] \([0-9]*\) test.*$/\1/p; s/^[a-z-]*: [0-9]* passed, \([0-9]*\) failed$/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	echo "$p $f" > "$log.count"
}

add() { # exit status of the suite
	read -r p f < "$log.count"
	if [ "$1" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # a suite that crashed before reporting counts as a failure
	fi
	passed=$((passed + p))
	failed=$((failed + f))
}

for check in tools/check-layers.sh tools/check-contracts.py; do
	echo "== $check"
	{ "$check" 2>&1; echo "rc=$?" > "$log.rc"; } | count
	add "$(sed 's/rc=//' "$log.rc")"
done

for t in "$build"/tests/test_*; do
	echo "== unit: $(basename "$t")"
	{ "$t" 2>&1; echo "rc=$?" > "$log.rc"; } | count
	add "$(sed 's/rc=//' "$log.rc")"
done

# Each fuzz target (make fuzz-bins) for FUZZ_TEST_SECONDS, new inputs kept under build/.
for f in build/fuzz/fuzz_*; do
	[ -x "$f" ] || continue
	n=$(basename "$f")
	echo "== fuzz: $n"
	mkdir -p "build/fuzz/corpus-$n"
	{
		if "$f" -max_total_time="${FUZZ_TEST_SECONDS:-10}" -artifact_prefix=build/fuzz/ \
			"build/fuzz/corpus-$n" "fuzz/corpus/$n" >"$log.fuzz" 2>&1; then
			tail -1 "$log.fuzz"
			echo "$(echo "$n" | tr _ -): 1 passed, 0 failed"
		else
			tail -30 "$log.fuzz"
			echo "$(echo "$n" | tr _ -): 0 passed, 1 failed"
		fi
		echo "rc=0" >"$log.rc"
	} | count
	add "$(sed 's/rc=//' "$log.rc")"
done

for suite in tests/http/test_*.py tests/browser/test_*.py; do
	echo "== $suite"
	{ /usr/bin/python3 "$suite" 2>&1; echo "rc=$?" > "$log.rc"; } | count
	add "$(sed 's/rc=//' "$log.rc")"
done

rm -f "$log" "$log.count" "$log.rc" "$log.fuzz"
echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
