#!/bin/bash
# A recursive make: the top Makefile runs $(MAKE) -C in lib/ (gcc -c and
# ar building a static library) and app/ (linking against it), under one
# -j2 jobserver shared through MAKEFLAGS; then a recursive clean.
# corpus: native=same
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir lib app
cat > Makefile <<'EOT'
SUBDIRS = lib app
all: $(SUBDIRS)
app: lib
$(SUBDIRS):
	@$(MAKE) --no-print-directory -C $@
clean:
	@for d in $(SUBDIRS); do $(MAKE) --no-print-directory -C $$d clean || exit 1; done
.PHONY: all clean $(SUBDIRS)
EOT
cat > lib/Makefile <<'EOT'
OBJS = add.o mul.o neg.o
libcalc.a: $(OBJS)
	@echo "ar $@"; ar rcs $@ $(OBJS)
%.o: %.c
	@echo "cc $@"; gcc -O2 -c -o $@ $<
clean:
	@rm -f *.o *.a; echo "lib clean"
EOT
cat > app/Makefile <<'EOT'
calc: main.c ../lib/libcalc.a
	@echo "link $@"; gcc -O2 -o $@ main.c -L../lib -lcalc
clean:
	@rm -f calc; echo "app clean"
EOT
echo 'int add(int a, int b) { return a + b; }' > lib/add.c
echo 'int mul(int a, int b) { return a * b; }' > lib/mul.c
echo 'int neg(int a) { return -a; }' > lib/neg.c
cat > app/main.c <<'EOT'
#include <stdio.h>
int add(int, int), mul(int, int), neg(int);
int main(void) { printf("add %d mul %d neg %d\n", add(2, 3), mul(6, 7), neg(5)); return 0; }
EOT
make -j2 2>&1 | sort
echo "make exited ${PIPESTATUS[0]}"
app/calc
ar t lib/libcalc.a | sort | tr '\n' ' '; echo
make -j2
echo "second make exited $?"
make clean
ls lib app | tr '\n' ' '; echo
