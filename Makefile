# Giao Ban: one non-recursive Makefile. Dependencies come from pkg-config.
#   make            build build/giaoban
#   make test       install what is missing, build, run every test (also under ASan+UBSan)
#   make check      run the tests against an already built tree (no install step)
#   make bench      build the benchmark tools (see docs/PERFORMANCE.md)
#   make fuzz       build the libFuzzer harnesses (clang)

BUILD  ?= build
CC     ?= cc
PKGS   := sqlite3 libpq libutf8proc jansson libmicrohttpd libsodium xlsxwriter pangocairo cairo libcurl minizip zlib
SAN    ?=

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN   := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla \
          -Wformat=2 -Wno-format-nonliteral -Wjump-misses-init
CFLAGS ?= -O2 -g
ALL_CFLAGS := -std=c17 -D_GNU_SOURCE $(WARN) $(CFLAGS) -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) -MMD -MP
LDLIBS := $(PKG_LIBS) -lm

ifeq ($(SAN),1)
ALL_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS    += -fsanitize=address,undefined
endif

LIB_SRC := $(wildcard src/util/*.c src/text/*.c src/core/*.c src/extract/*.c src/store/*.c \
                      src/app/*.c src/report/*.c src/http/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
GEN_SRC := $(BUILD)/gen/migrations.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/migrations.o $(BUILD)/gen/web_assets.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/*/test_*.c)
TEST_BIN := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%)
BENCH_SRC := $(wildcard bench/*.c)
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
MIGRATIONS := $(sort $(wildcard src/store/migrate/sqlite/*.sql src/store/migrate/pg/*.sql))

.PHONY: all test check test-asan bench fuzz fuzz-run clean install-deps check-headers check-layers format demo

# The benchmark tools are built too, so that a change of an interface cannot leave them broken.
all: $(BUILD)/giaoban $(TEST_BIN) $(BENCH_BIN)

$(BUILD)/libgiaoban.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	ar rcs $@ $^

$(BUILD)/giaoban: $(CLI_OBJ) $(BUILD)/libgiaoban.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/migrations.o: $(BUILD)/gen/migrations.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The extractor's lexicon is embedded by .incbin in lexicon_data.c; -MMD cannot see it.
$(BUILD)/src/extract/lexicon_data.o: src/extract/lexicon.txt

# Schema migrations are .sql files embedded as C strings (tools/embed.c).
$(BUILD)/gen/migrations.c: $(MIGRATIONS) $(BUILD)/tools/embed
	@mkdir -p $(@D)
	$(BUILD)/tools/embed $(MIGRATIONS) > $@

# The web page (src/web/) is embedded the same way, with content types and ETags.
WEB_ASSETS := $(sort $(wildcard src/web/*.html src/web/*.css src/web/*.js src/web/*.svg))
$(BUILD)/gen/web_assets.o: $(BUILD)/gen/web_assets.c src/web/web_assets.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/gen/web_assets.c: $(WEB_ASSETS) $(BUILD)/tools/embed_web
	@mkdir -p $(@D)
	$(BUILD)/tools/embed_web $(WEB_ASSETS) > $@

$(BUILD)/tools/embed_web: tools/embed_web.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/tests/%: tests/%.c tests/check.h $(BUILD)/libgiaoban.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/libgiaoban.a $(LDFLAGS) $(LDLIBS)

# cli/config.c (the server's configuration file) is not in the library: its test links it.
$(BUILD)/tests/cli/test_config: tests/cli/test_config.c tests/check.h $(BUILD)/src/cli/config.o \
                                $(BUILD)/libgiaoban.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(BUILD)/src/cli/config.o $(BUILD)/libgiaoban.a \
	    $(LDFLAGS) $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libgiaoban.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BUILD)/libgiaoban.a $(LDFLAGS) $(LDLIBS)

bench: $(BUILD)/giaoban $(BENCH_BIN)

install-deps:
	sh scripts/install-deps.sh

# The full run CI does: install, build, test on SQLite and PostgreSQL, then again under sanitizers.
test: install-deps check-layers
	$(MAKE) all
	$(MAKE) BUILD=build-asan SAN=1 CFLAGS="-O1 -g" all
	sh tests/run.sh

# Tests only, for a tree already built (no install, no sanitizer build unless present).
check: all check-layers
	sh tests/run.sh

demo: $(BUILD)/giaoban
	sh scripts/setup.sh

# Installing: make install [PREFIX=/usr/local] [DESTDIR=...]; make install-config puts the
# example /etc/giaoban/giaoban.conf (never over an existing one); make deb: the Debian package.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
VERSION    ?= 0.1.0
DEB_VERSION = $(VERSION)+git$(shell git rev-list --count HEAD 2>/dev/null || echo 0)

.PHONY: man install install-config uninstall deb
man: $(BUILD)/giaoban.1

# giaoban(1): its command list read from the binary's own --help (packaging/gen-man.sh).
$(BUILD)/giaoban.1: $(BUILD)/giaoban packaging/giaoban.1.in packaging/gen-man.sh
	sh packaging/gen-man.sh $(BUILD)/giaoban packaging/giaoban.1.in $(VERSION) >$@.tmp
	mv $@.tmp $@

install: $(BUILD)/giaoban $(BUILD)/giaoban.1
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BUILD)/giaoban $(DESTDIR)$(BINDIR)/giaoban
	install -m 0644 $(BUILD)/giaoban.1 $(DESTDIR)$(MANDIR)/man1/giaoban.1

install-config:
	install -d $(DESTDIR)$(SYSCONFDIR)/giaoban
	@if [ -e $(DESTDIR)$(SYSCONFDIR)/giaoban/giaoban.conf ]; then \
	  echo "kept $(DESTDIR)$(SYSCONFDIR)/giaoban/giaoban.conf"; \
	else install -m 0644 packaging/giaoban.conf $(DESTDIR)$(SYSCONFDIR)/giaoban/giaoban.conf; fi

# The configuration file is left in place (an administrator's settings).
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/giaoban $(DESTDIR)$(MANDIR)/man1/giaoban.1

deb: $(BUILD)/giaoban $(BUILD)/giaoban.1
	sh packaging/build-deb.sh $(BUILD) $(DEB_VERSION)

check-headers:
	@for h in $$(find src -name '*.h'); do \
	  echo "#include \"$${h#src/}\"" | $(CC) $(ALL_CFLAGS) -x c -fsyntax-only - || exit 1; done; echo "headers ok"

# The layers of docs/ARCHITECTURE.md, on the include graph and the objects' symbols.
check-layers: $(LIB_OBJ) $(CLI_OBJ)
	sh tools/check-layers.sh $(BUILD)

format:
	clang-format -i $$(find src tests bench -name '*.[ch]')

clean:
	rm -rf build build-asan

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)

# libFuzzer harnesses (clang): the library rebuilt with coverage and sanitizers.
FUZZ_SRC := $(wildcard fuzz/*.c)
FUZZ_LIB_SRC := $(wildcard src/util/*.c src/text/*.c src/core/*.c src/extract/*.c)
fuzz: $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)

build/fuzz/%: fuzz/%.c $(FUZZ_LIB_SRC)
	@mkdir -p $(@D)
	clang -std=c17 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined -Isrc \
	    $(shell pkg-config --cflags libutf8proc) -o $@ $< $(FUZZ_LIB_SRC) \
	    $(shell pkg-config --libs libutf8proc)

# New inputs go to build/fuzz/corpus; fuzz/corpus keeps only the seeds.
fuzz-run: fuzz
	@mkdir -p build/fuzz/corpus
	build/fuzz/fuzz_input -max_total_time=$${FUZZ_SECONDS:-60} build/fuzz/corpus fuzz/corpus
