# kakekomi — `make run` serves the demo, `make test` runs every test.
# Both install the Debian packages they lack (see tools/deps.sh).

BUILD  ?= build
CC     ?= gcc
SAN    ?=
PY     := /usr/bin/python3

PKG_BUILD := gcc make pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev \
             libsodium-dev libutf8proc-dev libcsv-dev libcurl4-openssl-dev
PKG_TEST  := libcmocka-dev python3 python3-selenium chromium chromium-driver sqlite3 \
             clang libclang-rt-14-dev python3-icalendar systemd man-db groff-base \
             python3-prometheus-client python3-jsonschema nginx-light openssl curl
PKG_BENCH := wrk nginx-light python3 curl sqlite3 bc
PC_LIBS   := libmicrohttpd sqlite3 jansson libsodium libutf8proc libcurl

CFLAGS  = -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -Wshadow -Wformat=2 \
          -Isrc -I$(BUILD)/gen $(shell pkg-config --cflags $(PC_LIBS)) $(SANFLAGS)
LDLIBS  = $(shell pkg-config --libs $(PC_LIBS)) -lcsv -lpthread -lm
ifeq ($(SAN),1)
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif
# libFuzzer builds (clang): the library instrumented for coverage, ASan and UBSan.
ifeq ($(FUZZ),1)
SANFLAGS = -fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

SRC      := $(sort $(wildcard src/*/*.c))
OBJ      := $(SRC:src/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/embedded.o
EMBED    := $(sort $(wildcard migrations/*.sql i18n/*.txt static/*)) api/openapi.json
# The store's SQL, one file per module, declared in C by tools/sqlgen.sh.
SQLGEN   := $(patsubst sql/%.sql,$(BUILD)/gen/sql/%.h,$(wildcard sql/*.sql))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_SECONDS ?= 60
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
# axe-core (npm, test tooling only) checks the journey pages for accessibility faults.
AXE      := tests/browser/axe/node_modules/axe-core/axe.min.js

.DELETE_ON_ERROR:
# The generated SQL headers stay (make would delete them as intermediates).
.SECONDARY: $(SQLGEN)
.PHONY: all deps-build deps-test deps-bench run test sanitize bench fmt clean fuzz fuzz-bins \
        install uninstall

all: $(BUILD)/kakekomi

deps-build:
	@tools/deps.sh $(PKG_BUILD)
deps-test: deps-build
	@tools/deps.sh $(PKG_TEST)
deps-bench: deps-build
	@tools/deps.sh $(PKG_BENCH)

$(BUILD)/gen/embedded.c: $(EMBED) tools/embed.sh | deps-build
	@mkdir -p $(@D)
	tools/embed.sh $@ $(EMBED)

$(BUILD)/obj/gen/embedded.o: $(BUILD)/gen/embedded.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/gen/sql/%.h: sql/%.sql tools/sqlgen.sh
	@mkdir -p $(@D)
	tools/sqlgen.sh $< > $@

$(BUILD)/obj/%.o: src/%.c | deps-build $(SQLGEN)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libkakekomi.a: $(filter-out $(BUILD)/obj/main.o,$(OBJ))
	rm -f $@
	ar rcs $@ $^

$(BUILD)/kakekomi: $(BUILD)/obj/main.o $(BUILD)/libkakekomi.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libkakekomi.a | deps-test
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkakekomi.a $(LDLIBS) -lcmocka

-include $(OBJ:.o=.d)

# npm comes with Node.js; Debian's package only when there is none.
$(AXE): tests/browser/axe/package.json tests/browser/axe/package-lock.json
	@command -v npm >/dev/null 2>&1 || tools/deps.sh nodejs npm
	cd tests/browser/axe && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# var/kakekomi.db is created on first run; seeding is idempotent. Delete the file to start over.
run: $(BUILD)/kakekomi
	@$(BUILD)/kakekomi --db var/kakekomi.db seed --demo
	@echo "kakekomi: open http://127.0.0.1:8080/"
	@exec $(BUILD)/kakekomi --db var/kakekomi.db serve --listen 127.0.0.1:8080

test: deps-test $(BUILD)/kakekomi $(UNIT_BIN) $(AXE)
	@$(MAKE) -s BUILD=build/fuzz CC=clang FUZZ=1 fuzz-bins
	@tests/run.sh $(BUILD)

# The fuzz targets (fuzz/fuzz_*.c, each with a seed corpus in fuzz/corpus/NAME), built by
# clang with libFuzzer, ASan and UBSan; make test runs each for 10 s, make fuzz for
# FUZZ_SECONDS (default 60). A crash is saved as build/fuzz/crash-* and the target fails.
fuzz-bins: $(FUZZ_BIN)
build/fuzz/fuzz_%: fuzz/fuzz_%.c build/fuzz/libkakekomi.a
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< build/fuzz/libkakekomi.a \
	    $(LDLIBS)
fuzz: deps-test
	@$(MAKE) -s BUILD=build/fuzz CC=clang FUZZ=1 fuzz-bins
	@for f in $(FUZZ_BIN); do n=$$(basename $$f); echo "== $$n ($(FUZZ_SECONDS) s)"; \
	    mkdir -p build/fuzz/corpus-$$n; \
	    $$f -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=build/fuzz/ \
	        build/fuzz/corpus-$$n fuzz/corpus/$$n >build/fuzz/$$n.log 2>&1; rc=$$?; \
	    tail -3 build/fuzz/$$n.log; [ $$rc -eq 0 ] || exit 1; done

# The whole test suite again, built with AddressSanitizer and UBSan.
sanitize:
	$(MAKE) BUILD=build/san SAN=1 test

bench: deps-bench $(BUILD)/kakekomi
	@bench/run.sh $(BUILD)/kakekomi

fmt:
	clang-format -i $(SRC) $(wildcard src/*/*.h) $(UNIT_SRC)

# Installing: the binary, kakekomi(8), the systemd unit (pointing at the installed binary)
# and the example settings; /etc/kakekomi/kakekomi.conf only when there is none yet.
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
UNITDIR    ?= $(PREFIX)/lib/systemd/system
SHAREDIR   ?= $(PREFIX)/share/kakekomi
SYSCONFDIR ?= /etc
install: $(BUILD)/kakekomi
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(SHAREDIR) $(DESTDIR)$(SYSCONFDIR)/kakekomi
	install -m 0755 $(BUILD)/kakekomi $(DESTDIR)$(BINDIR)/kakekomi
	install -m 0644 man/kakekomi.8 $(DESTDIR)$(MANDIR)/man8/kakekomi.8
	for u in kakekomi kakekomi-backup; do \
	    sed 's|@BINDIR@|$(BINDIR)|g' dist/$$u.service.in > $(DESTDIR)$(UNITDIR)/$$u.service; \
	    chmod 0644 $(DESTDIR)$(UNITDIR)/$$u.service; done
	install -m 0644 dist/kakekomi-backup.timer $(DESTDIR)$(UNITDIR)/kakekomi-backup.timer
	install -m 0644 dist/kakekomi.conf.example $(DESTDIR)$(SHAREDIR)/kakekomi.conf.example
	[ -e $(DESTDIR)$(SYSCONFDIR)/kakekomi/kakekomi.conf ] || \
	    install -m 0644 dist/kakekomi.conf.example $(DESTDIR)$(SYSCONFDIR)/kakekomi/kakekomi.conf
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/kakekomi $(DESTDIR)$(MANDIR)/man8/kakekomi.8 \
	    $(DESTDIR)$(UNITDIR)/kakekomi.service $(DESTDIR)$(UNITDIR)/kakekomi-backup.service \
	    $(DESTDIR)$(UNITDIR)/kakekomi-backup.timer $(DESTDIR)$(SHAREDIR)/kakekomi.conf.example
	-rmdir $(DESTDIR)$(SHAREDIR) 2>/dev/null
	@echo "kept $(SYSCONFDIR)/kakekomi (your settings) and /var/lib/kakekomi (your data)"

clean:
	rm -rf build
