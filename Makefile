# Makefile - pol: the policy compiler polc, the runtime libpolrt.a, the
# checker polcheck, and their tests.  Plain make; no configure step.
#
#   make            build everything under $(BUILD)
#   make run        build, then check the bundled policies
#   make test       run the whole test suite once
#   make check      the suite twice: plain, then under ASan and UBSan
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX  ?= /usr/local
DESTDIR ?=
BINDIR   = $(PREFIX)/bin
LIBDIR   = $(PREFIX)/lib
INCDIR   = $(PREFIX)/include

CC    ?= cc
BISON ?= bison
FLEX  ?= flex
BUILD ?= build
OPT   ?= -O2 -g
# Extra flags for a sanitized build, e.g. -fsanitize=address,undefined
SAN   ?=

WARNINGS = -Wall -Wextra -Werror -Wshadow -Wmissing-prototypes \
	   -Wstrict-prototypes -Wpointer-arith -Wformat=2 -Wvla
ALL_CFLAGS   = -std=c11 $(OPT) $(SAN) $(WARNINGS) $(CFLAGS)
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -Iinclude -Icompiler -I$(BUILD)/gen $(CPPFLAGS)
ALL_LDFLAGS  = $(SAN) $(LDFLAGS)
# The flex and bison skeletons trip these; -Werror stays on for the rest.
GEN_WARNINGS = -Wno-unused-function -Wno-sign-compare -Wno-missing-prototypes \
	       -Wno-unused-parameter -Wno-shadow

# Every compiler/*.c but main.c makes up the compiler library that polc and
# the tests link.
COMPILER_SRC = $(filter-out main.c,$(notdir $(wildcard compiler/*.c)))
RUNTIME_SRC  = $(notdir $(wildcard runtime/*.c))

COMPILER_OBJ = $(COMPILER_SRC:%.c=$(BUILD)/compiler/%.o) \
	       $(BUILD)/gen/parser.o $(BUILD)/gen/lexer.o
RUNTIME_OBJ  = $(RUNTIME_SRC:%.c=$(BUILD)/runtime/%.o)

POLC     = $(BUILD)/polc
LIBRT    = $(BUILD)/libpolrt.a
POLCHECK = $(BUILD)/polcheck
LIBPOLCHECK = $(BUILD)/libpolcheck.a
POLICIES ?= $(sort $(wildcard policies/*.pol))

# The checker: the generic driver in runtime/polcheck/, the tables polc
# writes from $(POLICIES), and the runtime.
POLCHECK_SRC = $(sort $(wildcard runtime/polcheck/*.c))
POLCHECK_OBJ = $(POLCHECK_SRC:%.c=$(BUILD)/%.o) $(BUILD)/compiler/suggest.o \
	       $(BUILD)/compiler/writer.o

UNIT_TESTS = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c)) \
	     $(BUILD)/tests/test_runtime \
	     $(patsubst tests/checker/%.c,$(BUILD)/tests/%,$(wildcard tests/checker/test_*.c))

.PHONY: all run test check clean install bench fuzz bison-version
all: $(POLC) $(LIBRT) $(if $(POLCHECK_SRC),$(LIBPOLCHECK)) \
	$(if $(and $(POLICIES),$(POLCHECK_SRC)),$(POLCHECK))

# Check and test the bundled policies, then ask the checker a few of the
# questions officers ask.
DEMO = "office NPS Derby Mon" "office CRC Buxton 2021-03-10" \
       "contact NPS risk=high" "contact CRC no_phone" \
       "--explain activity home_visits England 2021-05-17" \
       "activity upw_outdoor Wales 2021-04-01" \
       "activity drug_testing_premises Wales 2021-05-17" \
       "changes 2021-03-29 2021-03-29 --area Wales"
run: all
	$(POLC) check $(POLICIES)
	$(POLC) test $(POLICIES)
	@for q in $(DEMO); do echo; echo "$$ polcheck $$q"; $(POLCHECK) $$q || exit 1; done

# Parser generation needs bison 3.8 (parse.error custom, api.token.prefix).
bison-version:
	@v=$$($(BISON) --version | sed -n '1s/.* \([0-9][0-9.]*\)$$/\1/p'); \
	case "$$v" in 3.[89]*|3.1[0-9]*|[4-9].*) ;; \
	*) echo "bison $$v found; pol needs bison 3.8 or later" >&2; exit 1;; esac

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: compiler/parser.y | bison-version
	@mkdir -p $(BUILD)/gen
	$(BISON) -Wall -Werror -o $(BUILD)/gen/parser.c -H$(BUILD)/gen/parser.h $<

$(BUILD)/gen/lexer.c: compiler/lexer.l
	@mkdir -p $(BUILD)/gen
	$(FLEX) -o $@ $<

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(GEN_WARNINGS) -c -o $@ $<

$(BUILD)/compiler/%.o: compiler/%.c $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/runtime/%.o: runtime/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -pedantic -MMD -MP -c -o $@ $<

$(BUILD)/tests/%.o: tests/unit/%.c $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -MMD -MP -c -o $@ $<

$(BUILD)/runtime/polcheck/%.o: runtime/polcheck/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

# The bundled policies as tables: rebuilt when polc or a policy changes.
$(BUILD)/policy/policy.c: $(POLC) $(POLICIES)
	@mkdir -p $(dir $@)
	$(POLC) compile $(POLICIES) -o $@ --name policies --symbol pol_checker_policy

$(BUILD)/policy/policy.o: $(BUILD)/policy/policy.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -pedantic -c -o $@ $<

# The same policies with the other contact strategy, for the differential test.
$(BUILD)/policy/policy_cubes.c: $(POLC) $(POLICIES)
	@mkdir -p $(dir $@)
	$(POLC) compile $(POLICIES) -o $@ --name policies --symbol pol_checker_policy \
		--strategy=cubes

$(BUILD)/policy/policy_cubes.o: $(BUILD)/policy/policy_cubes.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -pedantic -c -o $@ $<

$(POLCHECK): $(POLCHECK_OBJ) $(BUILD)/policy/policy.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

# The checker's driver as a library, for polc build outside this tree.
$(LIBPOLCHECK): $(POLCHECK_OBJ)
	rm -f $@
	ar rcs $@ $^

$(LIBRT): $(RUNTIME_OBJ)
	rm -f $@
	ar rcs $@ $^

$(POLC): $(COMPILER_OBJ) $(BUILD)/compiler/main.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(COMPILER_OBJ) $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lcmocka

# The runtime API on a small compiled policy.
$(BUILD)/tests/fixture_small.c: $(POLC) tests/golden/small.pol
	@mkdir -p $(dir $@)
	$(POLC) compile tests/golden/small.pol -o $@ --symbol small_policy

$(BUILD)/tests/fixture_small.o: $(BUILD)/tests/fixture_small.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -pedantic -c -o $@ $<

$(BUILD)/tests/test_runtime.o: tests/runtime/test_runtime.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -MMD -MP -c -o $@ $<

$(BUILD)/tests/test_runtime: $(BUILD)/tests/test_runtime.o $(BUILD)/tests/fixture_small.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lcmocka -lpthread

# Compiled tables against the reference interpreter, on the bundled policies.
DIFFERENTIAL = $(BUILD)/tests/differential
$(BUILD)/tests/differential.o: tests/differential/differential.c $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/differential_would_be.o: tests/differential/would_be.c $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(DIFFERENTIAL): $(BUILD)/tests/differential.o $(BUILD)/tests/differential_would_be.o \
		$(COMPILER_OBJ) $(BUILD)/policy/policy.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

$(DIFFERENTIAL)_cubes: $(BUILD)/tests/differential.o $(BUILD)/tests/differential_would_be.o \
		$(COMPILER_OBJ) $(BUILD)/policy/policy_cubes.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

# The same test, on a policy in time: versions, date lines, plan dates.
DATED_POLICY = tests/differential/dated.pol tests/differential/dated_more.pol
$(BUILD)/tests/dated_policy.c: $(POLC) $(DATED_POLICY)
	@mkdir -p $(dir $@)
	$(POLC) compile $(DATED_POLICY) -o $@ --name dated --symbol pol_checker_policy

$(BUILD)/tests/dated_policy.o: $(BUILD)/tests/dated_policy.c
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -pedantic -c -o $@ $<

$(DIFFERENTIAL)_dated: $(BUILD)/tests/differential.o $(BUILD)/tests/differential_would_be.o \
		$(COMPILER_OBJ) $(BUILD)/tests/dated_policy.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^

# The fuzz targets, replayed by every test run (rules below).  Defined
# before 'test' because make expands a rule's prerequisites as it reads it.
FUZZ_TARGETS = polc roundtrip date csv args batch
FUZZ_REPLAY = $(FUZZ_TARGETS:%=$(BUILD)/tests/replay_%)

# POL_SANITIZED tells scripts that valgrind cannot run on this build.
test: all $(UNIT_TESTS) $(FUZZ_REPLAY) $(DIFFERENTIAL)_dated \
	$(if $(POLICIES),$(DIFFERENTIAL) $(DIFFERENTIAL)_cubes)
	@BUILD=$(BUILD) POL_SANITIZED=$(if $(SAN),1,) POLICIES="$(POLICIES)" \
		POL_CC="$(CC)" POL_SAN="$(SAN)" FUZZ_TARGETS="$(FUZZ_TARGETS)" \
		sh tests/run.sh $(UNIT_TESTS)

# The suite plain, then again built with the sanitizers in a tree of its
# own, by clang where there is one: so every check builds with both
# compilers, warnings as errors.
SAN_CC = $(shell command -v clang >/dev/null 2>&1 && echo clang || echo $(CC))
check:
	$(MAKE) test
	$(MAKE) BUILD=$(BUILD)/sanitize CC=$(SAN_CC) OPT="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

# Fuzz targets replayed over their corpus and past crashes, in every test
# run: built with the ordinary compiler and a main of their own.

$(BUILD)/tests/fuzz_%.o: tests/fuzz/fuzz_%.c $(BUILD)/gen/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/standalone.o: tests/fuzz/standalone.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/replay_%: $(BUILD)/tests/fuzz_%.o $(BUILD)/tests/standalone.o \
		$(COMPILER_OBJ) $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter-out %.a,$^) $(filter %.a,$^)

# The checker's targets need its driver, and the bundled tables.
POLCHECK_LIB_OBJ = $(filter-out %/main.o,$(POLCHECK_OBJ))
$(BUILD)/tests/fuzz_csv.o $(BUILD)/tests/fuzz_args.o $(BUILD)/tests/fuzz_batch.o: \
	ALL_CPPFLAGS += -Iruntime/polcheck
$(BUILD)/tests/replay_csv: $(POLCHECK_LIB_OBJ)
$(BUILD)/tests/replay_args: $(POLCHECK_LIB_OBJ) $(BUILD)/policy/policy.o
$(BUILD)/tests/replay_batch: $(POLCHECK_LIB_OBJ) $(BUILD)/policy/policy.o

# The checker's own units (tests/checker/): its CSV reader alone, and
# batch with the driver and the bundled tables.
$(BUILD)/tests/checker_%.o: tests/checker/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CPPFLAGS) -Iruntime/polcheck $(ALL_CFLAGS) -Wno-missing-prototypes \
		-MMD -MP -c -o $@ $<

$(BUILD)/tests/test_csv: $(BUILD)/tests/checker_test_csv.o $(BUILD)/runtime/polcheck/csv.o
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lcmocka

$(BUILD)/tests/test_batch: $(BUILD)/tests/checker_test_batch.o $(POLCHECK_LIB_OBJ) \
		$(BUILD)/policy/policy.o $(LIBRT)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ -lcmocka

# libFuzzer runs: FUZZ_SECONDS each (make fuzz FUZZ_SECONDS=3600).  The
# compiler is rebuilt with clang and the sanitizers in a tree of its own.
FUZZ_SECONDS ?= 180
FUZZ_RUNS ?=
FUZZ_BUILD = $(BUILD)/fuzz
fuzz:
	$(MAKE) BUILD=$(FUZZ_BUILD) CC=clang OPT="-O1 -g" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fsanitize=fuzzer-no-link" \
		$(FUZZ_BUILD)/polc $(FUZZ_BUILD)/libpolrt.a $(FUZZ_BUILD)/polcheck
	FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_RUNS=$(FUZZ_RUNS) \
		sh tests/fuzz/run.sh $(FUZZ_TARGETS)

# Benchmarks: not part of the tests; see bench/README.md.
bench: all
	BUILD=$(BUILD) sh bench/run.sh

VERSION = $(shell sed -n 's/^\#define POL_VERSION "\(.*\)"/\1/p' compiler/version.h)
MANDIR  = $(PREFIX)/share/man

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCDIR)/pol \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5
	install -m 755 $(POLC) $(DESTDIR)$(BINDIR)/polc
	install -m 644 $(LIBRT) $(LIBPOLCHECK) $(DESTDIR)$(LIBDIR)/
	install -m 644 include/pol/runtime.h $(DESTDIR)$(INCDIR)/pol/runtime.h
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' pol.pc.in \
		>$(DESTDIR)$(LIBDIR)/pkgconfig/pol.pc
	install -m 644 docs/man/polc.1 docs/man/polcheck.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 docs/man/pol.5 $(DESTDIR)$(MANDIR)/man5/

clean:
	rm -rf $(BUILD)

-include $(wildcard $(BUILD)/compiler/*.d $(BUILD)/runtime/*.d $(BUILD)/runtime/polcheck/*.d \
	$(BUILD)/tests/*.d)
