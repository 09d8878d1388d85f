# scorecard: plan targets, progress and assessment inside PostgreSQL (PGXS build)

# Three extensions: scorecard (types, functions, aggregates; relocatable, no
# tables), scorecard_plan (the plan model's tables, loader, views, runs) and
# scorecard_report (the HTML progress report over the plan model: its style
# changes without a plan-model version).
EXTENSION = scorecard scorecard_plan scorecard_report
# The version, written only in VERSION: both control files (default_version)
# and both install scripts' names come from it.
EXTVERSION := $(strip $(shell cat $(dir $(firstword $(MAKEFILE_LIST)))VERSION))
MODULE_big = scorecard
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# Install SQL by lifecycle (docs/development.md "Versions and upgrades").
# Each extension's folder holds a header, its state in state/ (types,
# tables, sequences, indexes, seed rows, row types: created once, changed
# only by hand) and one file per concept of what can be re-created
# (functions, aggregates, views, triggers, comments, grants, all written
# CREATE OR REPLACE).  An install script is header, state, re-creatable
# parts; an update script is its hand-written part (versions/*.sql.in),
# then the same re-creatable parts.  Both are plain concatenations.
SQL_HEAD = src/sql/00_header.sql
SQL_STATE = $(sort $(wildcard src/sql/state/*.sql))
SQL_PARTS = $(filter-out $(SQL_HEAD),$(sort $(wildcard src/sql/*.sql)))
# scorecard_plan: its guard runs first in an install and in every update;
# an update drops the re-creatable objects before its hand-written part
# (plan/update/before.sql) and gives their privileges back at the end
# (plan/update/after.sql).
PLAN_HEAD = plan/00_header.sql
PLAN_GUARD = plan/10_guard.sql plan/12_types_schema.sql
PLAN_STATE = $(sort $(wildcard plan/state/*.sql))
PLAN_PARTS = $(filter-out $(PLAN_HEAD) $(PLAN_GUARD),$(sort $(wildcard plan/*.sql)))
PLAN_BEFORE = plan/update/before.sql
PLAN_AFTER = plan/update/after.sql
REPORT_PARTS = $(sort $(wildcard report/*.sql))
DATA_built = scorecard--$(EXTVERSION).sql scorecard_plan--$(EXTVERSION).sql scorecard_report--$(EXTVERSION).sql
CONTROL_built = $(addsuffix .control,$(EXTENSION))
# Released versions' frozen scripts and the update scripts between versions
# (versions/).  Released install scripts are kept as versions/*.sql.frozen
# for the upgrade and BI suites, which place them in their private tree,
# and are not installed: a new database gets only the current version
# (0.1.0's pinned search_paths put the extension's schema before
# pg_catalog; 0.2.0's let look-alikes in a writable types schema win); an
# older database updates through the update scripts.
DATA = $(sort $(wildcard versions/*.sql versions/*.control))
# The update scripts into the version under development are built from
# their hand-written parts, versions/*--$(EXTVERSION).sql.in.
UPDATE_IN = $(wildcard versions/*--$(EXTVERSION).sql.in)
DATA_built += $(notdir $(UPDATE_IN:.in=))

# pg_regress: every file in sql/ (contrib convention), run against a private server.
REGRESS = $(sort $(basename $(notdir $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=scorecard

PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-sign-compare
EXTRA_CLEAN = $(DATA_built) $(CONTROL_built) $(addsuffix .tmp,$(DATA_built)) results regression.diffs regression.out

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)

# The server headers may be missing on a fresh machine: `make test` and
# `make demo` install them first, so the PGXS rules are optional here.
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
endif

scorecard--$(EXTVERSION).sql: $(SQL_HEAD) $(SQL_STATE) $(SQL_PARTS)
	cat $^ > $@

scorecard_plan--$(EXTVERSION).sql: $(PLAN_HEAD) $(PLAN_GUARD) $(PLAN_STATE) $(PLAN_PARTS)
	cat $^ > $@

scorecard_report--$(EXTVERSION).sql: $(REPORT_PARTS)
	cat $^ > $@

# The control files are generated (PGXS installs them from the top folder).
all: $(CONTROL_built)

# An update script: scorecard's is its hand-written part, then the
# re-creatable parts.  scorecard_plan's is the hand-written part's lines up
# to its \echo line, the guard, the dropping of the re-creatable objects,
# the rest of the hand-written part, the re-creatable parts, and the
# privileges given back.
scorecard--%--$(EXTVERSION).sql: versions/scorecard--%--$(EXTVERSION).sql.in $(SQL_PARTS)
	cat $^ > $@

define update_scorecard_plan
	{ sed -n '1,/^\\echo /p' $(1) && cat $(PLAN_GUARD) $(PLAN_BEFORE) && \
	  sed '1,/^\\echo /d' $(1) && cat $(PLAN_PARTS) $(PLAN_AFTER); } > $@.tmp
	mv $@.tmp $@
endef
scorecard_plan--%--$(EXTVERSION).sql: versions/scorecard_plan--%--$(EXTVERSION).sql.in $(PLAN_GUARD) $(PLAN_BEFORE) $(PLAN_PARTS) $(PLAN_AFTER)
	$(call update_scorecard_plan,$<)

# For test/suites/upgrade.sh: the current version's update scripts onto
# itself with nothing hand-written (to $(EXTVERSION)-rerun; not installed),
# which must leave a fresh install as it is.
RERUN = tmp/rerun/scorecard--$(EXTVERSION)--$(EXTVERSION)-rerun.sql tmp/rerun/scorecard_plan--$(EXTVERSION)--$(EXTVERSION)-rerun.sql
.PHONY: rerun-scripts
rerun-scripts: $(RERUN)
tmp/rerun/scorecard--$(EXTVERSION)--$(EXTVERSION)-rerun.sql: test/upgrade/rerun.sql.in $(SQL_PARTS)
	mkdir -p $(dir $@)
	cat $^ > $@
tmp/rerun/scorecard_plan--$(EXTVERSION)--$(EXTVERSION)-rerun.sql: test/upgrade/rerun.sql.in $(PLAN_GUARD) $(PLAN_BEFORE) $(PLAN_PARTS) $(PLAN_AFTER)
	mkdir -p $(dir $@)
	$(call update_scorecard_plan,$<)

%.control: %.control.in VERSION
	sed 's/@EXTVERSION@/$(EXTVERSION)/g' $< > $@

# Freeze the current version at release: its install scripts into
# versions/*.sql.frozen (kept, not installed), its update scripts into
# versions/ as built; then remove the update scripts' .in and move VERSION on.
.PHONY: freeze
freeze: $(DATA_built)
	@for f in $^; do test ! -e versions/$$f -a ! -e versions/$$f.frozen || { echo "versions/$$f exists: $(EXTVERSION) is frozen" >&2; exit 1; }; done
	for f in $(filter-out $(notdir $(UPDATE_IN:.in=)),$^); do cp $$f versions/$$f.frozen; done
	cp $(notdir $(UPDATE_IN:.in=)) versions/

.PHONY: test demo demo-stop bench fuzz bench-float report test-browser import

# Every suite on a private server, from nothing (installs packages when
# root); ONLY="name ..." runs only the tests of those names (test/run.sh).
test:
	bash test/run.sh

# The main job on the embedded default: private server, demo plan, report.
demo:
	bash scripts/demo.sh

demo-stop:
	bash scripts/pgserver.sh stop demo

# A bureau's own plan: the CSV files of folder DIR imported into database DB
# (default my_plan) on the demo server, a run stored, the report written.
import:
	bash scripts/import_local.sh "$(DIR)" "$(ENCODING)" "$(or $(DB),my_plan)"

# The HTML progress report at AS_OF (a month as written; default: the latest
# run) of the demo plan, or of database DB on the demo server; AREA: a unit.
report:
	bash scripts/report.sh "$(AS_OF)"

# The report rendered in headless Chromium (also part of `make test`): the
# suite report_browser alone, on a fresh private server.
test-browser:
	ONLY=report_browser bash test/run.sh

# The aggregates, the loader and the report at size (bench/run.sh).
bench:
	bash bench/run.sh

# Ryu (common/shortest_dec.h) for the pure code outside the server: the
# unit tests, the fuzzer and the float_text micro-benchmark link libpgcommon.
PURE_CFLAGS = -Isrc -I$(shell $(PG_CONFIG) --includedir-server)
PURE_LIBS = -L$(shell $(PG_CONFIG) --pkglibdir) -lpgcommon -lpgport -lm

# Fuzz the target parser for FUZZ_SECONDS (needs clang); not part of `make test`.
FUZZ_SECONDS ?= 60
fuzz:
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(PURE_CFLAGS) -o test/fuzz/target_fuzz \
		test/fuzz/target_fuzz.c src/target_text.c src/target_eval.c src/band_core.c src/scan.c src/float_text.c $(PURE_LIBS)
	mkdir -p tmp/fuzz-corpus
	printf 'growth >= 7%%' > tmp/fuzz-corpus/a; printf 'level between 1 and 2' > tmp/fuzz-corpus/b
	printf '新增100家以上' > tmp/fuzz-corpus/c; printf '增长6%%～8%%' > tmp/fuzz-corpus/d
	printf '城镇化率提高0.5个百分点左右' > tmp/fuzz-corpus/e; printf '增速不低于经济增速' > tmp/fuzz-corpus/f
	printf 'green: shortfall <= 1; yellow: 1 < shortfall <= 3; red: shortfall > 3' > tmp/fuzz-corpus/g
	printf 'yellow: shortfall < 1.5e-5; red: 1.5e-5 <= shortfall' > tmp/fuzz-corpus/h
	printf 'yellow: shortfall <= 5%% of target; red: shortfall > 5%% of target' > tmp/fuzz-corpus/i
	test/fuzz/target_fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=128 tmp/fuzz-corpus

# float_text: Ryu against the 0.1.0 snprintf/strtod loop, ns per call.
bench-float:
	mkdir -p tmp
	$(CC) -O2 -Wall -Wextra $(PURE_CFLAGS) -Ibench -o tmp/float_text_bench bench/float_text_bench.c src/float_text.c $(PURE_LIBS)
	tmp/float_text_bench

# 50 million readings on the private scale server (about 10 minutes; not in `make test`).
.PHONY: bench-scale
bench-scale:
	bash bench/scale.sh

# The scale benchmark's progress and assessment queries on a three-node Citus
# cluster beside one server (5 million readings by default; not in `make test`).
.PHONY: bench-citus
bench-citus:
	bash bench/citus.sh

# Every object depends on the headers (PGXS does not track them).
$(OBJS): $(wildcard src/*.h)

# The plan model at 100 to 3,000 counties against the bare ytd_agg grouping
# (a few minutes; not in `make test`).
.PHONY: bench-plan
bench-plan:
	bash bench/plan.sh

.PHONY: bench-dashboard
bench-dashboard:
	bash bench/dashboard.sh

# What the run's and the arithmetic's goals cost by construction, on the
# provinces of bench-plan: the foreign keys of the stored runs, and
# progress() of the month before.
.PHONY: bench-floors
bench-floors:
	bash bench/floors.sh

# A month's corrections loaded into the province of bench-plan, step by
# step, against the typed insert of the same rows into reading.
.PHONY: bench-monthly
bench-monthly:
	bash bench/monthly.sh
