# heisen: `make` builds build/heisen, the test programs and the targets;
# `make test` runs every test; `make demo` runs the main job.
CC      := gcc
CFLAGS  ?= -O2 -g
WARN    := -std=gnu11 -Wall -Wextra -Werror -Wno-format-truncation
DEPS_CFLAGS := -I/usr/include/capstone
LIBS    := -lelf -lcapstone

SRC_DIRS := core patching recorder replayer gdbstub cli
SRCS     := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
LIB_SRCS := $(filter-out cli/main.c,$(SRCS))

BUILD     := build
OBJS      := $(SRCS:%.c=$(BUILD)/obj/%.o)
LIB_OBJS  := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)

ASAN      := build-asan
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
ASAN_OBJS := $(SRCS:%.c=$(ASAN)/obj/%.o)

PROG_SRCS := $(wildcard tests/progs/*.c)
PROGS     := $(PROG_SRCS:tests/progs/%.c=$(BUILD)/progs/%)
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNITS     := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/unit/%)
CORPUS_SRCS := $(wildcard tests/corpus/*/*.c)
CORPUS    := $(CORPUS_SRCS:tests/corpus/%.c=$(BUILD)/corpus/%)
BENCH_SRCS := $(wildcard bench/progs/*.c)
BENCHES   := $(BENCH_SRCS:bench/progs/%.c=$(BUILD)/bench/%)

PYTEST := /usr/bin/python3 -m pytest

.PHONY: all heisen progs corpus units targets test conformance demo bench deps clean
all: deps heisen progs corpus bugs units targets

heisen: $(BUILD)/heisen
$(BUILD)/heisen: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(DEPS_CFLAGS) -I. -MMD -MP -c -o $@ $<

$(ASAN)/heisen: $(ASAN_OBJS)
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(LIBS)
$(ASAN)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ASAN_FLAGS) $(WARN) $(DEPS_CFLAGS) -I. -MMD -MP -c -o $@ $<

progs: $(PROGS)
$(BUILD)/progs/%: tests/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -pthread $(WARN) -o $@ $< -lm

# The conformance corpus (tests/corpus): one program per mechanism.
corpus: $(CORPUS)
$(BUILD)/corpus/%: tests/corpus/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -pthread $(WARN) -o $@ $< -lm -lrt

# bug kernels (tests/bugs)
# Each tests/bugs/NAME.c is built twice: $(BUILD)/bugs/NAME, the buggy
# program, and $(BUILD)/bugs/NAME-fixed, its correct twin (-DFIXED).
BUGS_SRCS  := $(wildcard tests/bugs/*.c)
BUGS       := $(BUGS_SRCS:tests/bugs/%.c=$(BUILD)/bugs/%) $(BUGS_SRCS:tests/bugs/%.c=$(BUILD)/bugs/%-fixed)
BUGS_FLAGS := -O1 -g -pthread -Wall -Wextra -Werror -std=gnu11
.PHONY: bugs
bugs: $(BUGS)
$(BUILD)/bugs/%-fixed: tests/bugs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BUGS_FLAGS) -DFIXED -o $@ $<
$(BUILD)/bugs/%: tests/bugs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BUGS_FLAGS) -o $@ $<
# ... and both again as shared libraries: $(BUILD)/bugs/lib/NAME runs
# libNAME.so's code (tests/bugs/in_library/main.c), the same for -fixed.
BUGS_LIB   := $(BUGS:$(BUILD)/bugs/%=$(BUILD)/bugs/lib/%)
bugs: $(BUGS_LIB)
.PRECIOUS: $(BUILD)/bugs/lib/lib%.so $(BUILD)/bugs/lib/lib%-fixed.so
$(BUILD)/bugs/lib/lib%-fixed.so: tests/bugs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BUGS_FLAGS) -DFIXED -fPIC -shared -Dmain=bug_main -o $@ $<
$(BUILD)/bugs/lib/lib%.so: tests/bugs/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BUGS_FLAGS) -fPIC -shared -Dmain=bug_main -o $@ $<
$(BUILD)/bugs/lib/%: $(BUILD)/bugs/lib/lib%.so tests/bugs/in_library/main.c
	$(CC) $(BUGS_FLAGS) -o $@ tests/bugs/in_library/main.c -L$(dir $@) -l$* \
		'-Wl,-rpath,$$ORIGIN'
# end of bug kernels

units: $(UNITS)
$(BUILD)/unit/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(WARN) $(DEPS_CFLAGS) -I. -o $@ $< $(LIB_OBJS) $(LIBS)

targets:
	@if [ -f targets/Makefile ]; then $(MAKE) -C targets; fi

# Install what is missing from Debian's packages when root; say what is
# missing otherwise.
deps:
	@./scripts/deps.sh

# Every test, then the record/replay tests and hunt's strategies again
# with heisen built with AddressSanitizer and UBSan.
test: all $(ASAN)/heisen
	$(PYTEST) -q tests
	HEISEN_BIN=$(ASAN)/heisen $(PYTEST) -q tests/test_record_replay.py tests/test_bad_input.py tests/test_gdb.py \
		tests/test_untrusted.py
	HEISEN_BIN=$(ASAN)/heisen $(PYTEST) -q tests/test_yield.py tests/test_chaos.py \
		-k "directed or mix or conflict or lifo or handoff"

# The long run (about 19 minutes): every corpus program recorded plainly
# and under --chaos with three seeds, each recording replayed 10 times
# (tests/corpus/conformance).
conformance: all
	/usr/bin/python3 tests/corpus/conformance

bench: all $(BENCHES)
	./bench/run

$(BUILD)/bench/%: bench/progs/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -pthread $(WARN) -o $@ $< -lm

# libFuzzer harnesses (fuzz/README.md), built with clang in $(FUZZ)/ from
# the same sources: the trace reader, the dump printer, the gdb stub's
# packet dispatcher. `make fuzz` runs each over its fuzz/regressions/
# inputs, then fuzzes it for FUZZ_SECONDS from its seeds (fuzz/seeds/);
# a crash, a leak or a timeout fails it (the input is in $(FUZZ)/crashes/).
FUZZ         := build-fuzz
FUZZ_CC      := clang-14
FUZZ_SECONDS ?= 60
FUZZ_CORPUS  ?= $(FUZZ)/corpus
FUZZ_TMP     ?= $(FUZZ)/tmp
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -O1 -g $(FUZZ_SAN)
# clang warns where gcc does not: -Werror stays the gcc build's
FUZZ_WARN    := $(filter-out -Werror -Wno-format-truncation,$(WARN))
FUZZ_OBJS    := $(LIB_SRCS:%.c=$(FUZZ)/obj/%.o)
FUZZ_NAMES   := trace_read dump rsp
FUZZ_BINS    := $(FUZZ_NAMES:%=$(FUZZ)/fuzz_%)
FUZZ_RUNFLAGS := -rss_limit_mb=2048 -timeout=10 -close_fd_mask=3 -print_final_stats=1
FUZZ_ARGS_trace_read := -max_len=32768 fuzz/seeds/trace
FUZZ_ARGS_dump := -max_len=32768 fuzz/seeds/trace
FUZZ_ARGS_rsp := -max_len=8192 -dict=fuzz/rsp.dict fuzz/seeds/rsp
FUZZ_LDFLAGS_rsp := -Wl,--wrap=rsp_recv -Wl,--wrap=rsp_free

.PHONY: fuzz fuzz-build $(FUZZ_NAMES:%=fuzz-run-%)
fuzz: $(FUZZ_NAMES:%=fuzz-run-%)
fuzz-build: $(FUZZ_BINS)

# (clang-14 and libclang-rt-14-dev are in scripts/deps.sh)
$(FUZZ)/obj/%.o: %.c | deps
	@mkdir -p $(dir $@) && echo '*' > $(FUZZ)/.gitignore
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_WARN) $(DEPS_CFLAGS) -I. -MMD -MP -c -o $@ $<
# the harnesses' own code (fuzz/*.c) keeps -Werror
$(FUZZ)/obj/fuzz/%.o: fuzz/%.c | deps
	@mkdir -p $(dir $@) && echo '*' > $(FUZZ)/.gitignore
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_WARN) -Werror $(DEPS_CFLAGS) -I. -MMD -MP -c -o $@ $<
$(FUZZ_BINS): $(FUZZ)/fuzz_%: $(FUZZ)/obj/fuzz/fuzz_%.o $(FUZZ)/obj/fuzz/common.o $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(FUZZ_LDFLAGS_$*) -o $@ $^ $(LIBS)

# the regression inputs once each, then FUZZ_SECONDS of fuzzing, the new
# inputs kept in FUZZ_CORPUS; the harnesses' trace directories in FUZZ_TMP
$(FUZZ_NAMES:%=fuzz-run-%): fuzz-run-%: $(FUZZ)/fuzz_%
	@rm -rf $(FUZZ_TMP)/$* && mkdir -p $(FUZZ_TMP)/$* $(FUZZ_CORPUS)/$* $(FUZZ)/crashes
	@echo '*' > $(FUZZ)/.gitignore
	@set -- fuzz/regressions/$*/*; if [ -f "$$1" ]; then \
		echo "fuzz $*: the $$# inputs of fuzz/regressions/$*"; \
		TMPDIR=$(FUZZ_TMP)/$* $(FUZZ)/fuzz_$* $(FUZZ_RUNFLAGS) "$$@" || exit 1; fi
	TMPDIR=$(FUZZ_TMP)/$* $(FUZZ)/fuzz_$* $(FUZZ_RUNFLAGS) -max_total_time=$(FUZZ_SECONDS) \
		-artifact_prefix=$(FUZZ)/crashes/$*- $(FUZZ_CORPUS)/$* $(FUZZ_ARGS_$*)
	@rm -rf $(FUZZ_TMP)/$*
-include $(FUZZ_OBJS:.o=.d) $(FUZZ_NAMES:%=$(FUZZ)/obj/fuzz/fuzz_%.d) $(FUZZ)/obj/fuzz/common.d

demo: all
	./scripts/demo.sh

clean:
	rm -rf $(BUILD) $(ASAN)
	@if [ -f targets/Makefile ]; then $(MAKE) -C targets clean; fi

-include $(OBJS:.o=.d) $(ASAN_OBJS:.o=.d)
