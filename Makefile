# scorecard: plan targets, progress and assessment inside PostgreSQL (PGXS build)

# Two extensions: scorecard (types, functions, aggregates; relocatable, no
# tables) and scorecard_plan (the plan model's tables, loader, views, runs).
EXTENSION = scorecard scorecard_plan
EXTVERSION = 0.2.0
MODULE_big = scorecard
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# Each install script is the concatenation of one SQL file per concept.
SQL_PARTS = $(sort $(wildcard src/sql/*.sql))
PLAN_PARTS = $(sort $(wildcard plan/*.sql))
DATA_built = scorecard--$(EXTVERSION).sql scorecard_plan--$(EXTVERSION).sql

# pg_regress: every file in sql/ (contrib convention), run against a private server.
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=scorecard

PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
EXTRA_CLEAN = $(DATA_built) results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

# The server headers may be missing on a fresh machine: `make test` and
# `make demo` install them first, so the PGXS rules are optional here.
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
endif

scorecard--$(EXTVERSION).sql: $(SQL_PARTS)
	cat $^ > $@

scorecard_plan--$(EXTVERSION).sql: $(PLAN_PARTS)
	cat $^ > $@

.PHONY: test demo demo-stop bench fuzz

# Every suite on a private server, from nothing (installs packages when root).
test:
	bash scripts/test.sh

# The main job on the embedded default: private server, demo plan, report.
demo:
	bash scripts/demo.sh

demo-stop:
	bash scripts/pgserver.sh stop demo

bench:
	bash scripts/bench.sh

# Fuzz the target parser for FUZZ_SECONDS (needs clang); not part of `make test`.
FUZZ_SECONDS ?= 60
fuzz:
	clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc -o test/fuzz/target_fuzz \
		test/fuzz/target_fuzz.c src/target_text.c src/target_eval.c src/scan.c src/float_text.c -lm
	mkdir -p tmp/fuzz-corpus
	printf 'growth >= 7%%' > tmp/fuzz-corpus/a; printf 'level between 1 and 2' > tmp/fuzz-corpus/b
	test/fuzz/target_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=96 tmp/fuzz-corpus

# 50 million readings on the private scale server (about 10 minutes; not in `make test`).
.PHONY: bench-scale
bench-scale:
	bash bench/scale.sh

# Every object depends on the headers (PGXS does not track them).
$(OBJS): $(wildcard src/*.h)

# The plan model at 100 to 3,000 counties against the bare ytd_agg grouping
# (a few minutes; not in `make test`).
.PHONY: bench-plan
bench-plan:
	bash bench/plan.sh
