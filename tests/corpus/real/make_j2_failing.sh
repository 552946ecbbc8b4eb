#!/bin/bash
# make -j2 with a failing recipe: make reports the error, waits for the
# job still running and exits 2; with -k it goes on with the other
# targets; -i ignores the error; a missing prerequisite is an error too.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
cat > Makefile <<'EOT'
all: good1 bad good2 good3
good1 good2 good3:
	@echo "building $@"; echo "$@" > $@
bad:
	@echo "building bad"; exit 3
after-bad: bad
	@echo "never built"
needs-missing: missing.c
	@echo "not reached"
EOT
# make's "Waiting for unfinished jobs" note depends on timing: drop it
quiet() { grep -v 'Waiting for unfinished jobs'; }
make -j2 after-bad 2>&1 | quiet
echo "make after-bad exited ${PIPESTATUS[0]}"
make -j2 -k all 2>&1 | quiet | sort
echo "make -k exited ${PIPESTATUS[0]}"
ls good* | tr '\n' ' '; echo
rm -f good*
make -j2 -i all 2>&1 | quiet | sort
echo "make -i exited ${PIPESTATUS[0]}"
make needs-missing 2>&1
echo "missing prerequisite: $?"
make -j2 -q all
echo "make -q (up to date?) exited $?"
make -n good1 bad
echo "make -n exited $?"
