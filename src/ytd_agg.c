/*
 * ytd_agg.c
 *		fmgr glue for the ytd aggregates: the transition functions and the
 *		combine function (also rollup's transition).  The final functions
 *		of the one-step aggregates are in ytd_access.c; allocation and
 *		error reporting in ytd_glue.c.
 *
 * The state is a plain varlena of type ytd.  Inside an aggregate a
 * transition function updates it in place and returns the same pointer, so
 * a row costs no palloc.  A new state is allocated only on the group's
 * first row, when a reading falls in a year outside its range and when a
 * month's sum outgrows 64 bits (the wide layout); nodeAgg copies each new
 * value into the aggregate context once.  ytd_combine merges in place
 * where two narrow states of one scale and layout merge without overflow
 * (ytd_merge_fast checks first), else into a copy, so that an overflow can
 * start over wide.  The one-step ytd_growth and ytd_value keep the same
 * state as internal (see ytd_asof_state_trans below).
 */
#include "postgres.h"

#include <sys/mman.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/float.h"

#include "ytd_glue.h"

/*
 * The state to update: the argument itself in an aggregate, else a copy.
 * ours: the state was made by a transition function (never a stored
 * value), so it is a plain 4-byte-header varlena and needs no detoasting.
 */
static Ytd *
state_arg(FunctionCallInfo fcinfo, bool ours)
{
	if (PG_ARGISNULL(0))
		return NULL;
	if (AggCheckCallContext(fcinfo, NULL))
		return ours ? (Ytd *) PG_GETARG_POINTER(0) : PG_GETARG_YTD(0);
	return ytd_current((struct varlena *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0)));
}

/* A copy of s with room for the years base..base+nyears-1. */
static Ytd *
grow(const Ytd *s, int base, int nyears)
{
	Ytd		   *g = ytd_alloc((YtdKind) s->kind, base, nyears, YTD_IS_WIDE(s));

	ytd_copy_into(g, s, base, nyears);
	return g;
}

/* Detail for two kinds that cannot share a state. */
static void
report_kind_mix(int a, int b)
{
	char		detail[YTD_DETAIL_LEN];

	snprintf(detail, sizeof(detail),
			 "A state holds readings of one kind; here %s and %s readings meet.",
			 ytd_kind_name(a), ytd_kind_name(b));
	ytd_report(YTD_KIND_MIX, "", detail);
}

/* The month of the last period seen: rows come in runs of one month. */
static YtdMonthCache period_cache = {1, 0, 0};

/* The month of a period, or the error naming it. */
static inline int32
period_month(DateADT period)
{
	int32		month;

	if (likely(ytd_day_month_cached(&period_cache, period, &month)))
		return month;
	return ytd_date_month(period);
}

/*
 * s without its empty first and last years (a one-step state may hold an
 * empty as-of year), a copy; s itself if it has none.
 */
static Ytd *
drop_empty_years(Ytd *s)
{
	int			base,
				nyears;
	Ytd		   *t;

	if (!ytd_held_range(s, &base, &nyears) ||
		(base == s->base_year && nyears == s->nyears))
		return s;
	t = ytd_alloc((YtdKind) s->kind, base, nyears, YTD_IS_WIDE(s));
	ytd_copy_held(t, s);
	return t;
}

/*
 * A new state for a group whose first reading falls in month.  asof: the
 * one-step aggregates' as-of month, or -1; if the reading falls in the
 * as-of year or the year before, the state holds both (the years the final
 * function reads), so that the other does not grow it.
 */
static Ytd *
new_state(YtdKind kind, int32 month, int32 asof)
{
	int			lo = month / 12,
				hi = month / 12;

	if (asof >= 0 && (month / 12 == asof / 12 || month / 12 == asof / 12 - 1))
	{
		lo = Max(asof / 12 - 1, YTD_MIN_YEAR);
		hi = asof / 12;
	}
	return ytd_alloc(kind, lo, hi - lo + 1, false);
}

/*
 * Add one reading of month (period's) to the state (allocated by
 * new_state when NULL, grown when needed).  Empty years never make a
 * state refuse a reading for its span.
 */
static Ytd *
add_reading(Ytd *s, YtdKind kind, int32 month, float8 value, int32 asof)
{
	YtdStatus	st;

	if (s == NULL)
		s = new_state(kind, month, asof);
	else if (s->kind != kind)
		report_kind_mix(s->kind, kind);
	else if (!ytd_covers(s, month))
	{
		int			base,
					nyears;

		ytd_grown_range(s, month, &base, &nyears);
		if (nyears > YTD_MAX_SPAN)
		{
			/* a one-step state's empty as-of years do not count */
			s = drop_empty_years(s);
			ytd_grown_range(s, month, &base, &nyears);
		}
		if (nyears > YTD_MAX_SPAN)
		{
			char		detail[YTD_DETAIL_LEN];

			snprintf(detail, sizeof(detail),
					 "A state spans at most %d years, first to last; year %04d would make it span %04d to %04d.",
					 YTD_MAX_SPAN, month / 12, base, base + nyears - 1);
			ytd_report(YTD_SPAN, "", detail);
		}
		s = grow(s, base, nyears);
	}
	if (unlikely(!isfinite(value)))
		ytd_report(YTD_NONFINITE, float8out_internal(value),
				   "Readings must be finite numbers.");
	st = ytd_add(s, month, value);
	if (unlikely(st == YTD_WIDEN))
	{
		/* a sum beyond 64 bits: the wide layout from now on */
		s = ytd_widen(s);
		st = ytd_add(s, month, value);
	}
	if (unlikely(st != YTD_OK))
	{
		char		detail[YTD_DETAIL_LEN];

		snprintf(detail, sizeof(detail),
				 st == YTD_RATE_ADDED ?
				 "Month %04d-%02d has a second reading of a rate." :
				 "The sum of month %04d-%02d overflows.",
				 month / 12, month % 12 + 1);
		ytd_report(st, float8out_internal(value), detail);
	}
	return s;
}

/* Shared body of the transition functions; rows with a NULL are skipped. */
static Datum
trans(FunctionCallInfo fcinfo, YtdKind kind)
{
	Ytd		   *s;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = add_reading(state_arg(fcinfo, true), kind, period_month(PG_GETARG_DATEADT(1)),
					PG_GETARG_FLOAT8(2), -1);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ytd_monthly_trans);
/* ytd_agg(period, value): monthly readings. */
Datum
ytd_monthly_trans(PG_FUNCTION_ARGS)
{
	return trans(fcinfo, YTD_MONTHLY);
}

PG_FUNCTION_INFO_V1(ytd_cumulative_trans);
/* ytd_cumulative_agg(period, value): January-to-month readings. */
Datum
ytd_cumulative_trans(PG_FUNCTION_ARGS)
{
	return trans(fcinfo, YTD_CUMULATIVE);
}

PG_FUNCTION_INFO_V1(ytd_rate_trans);
/* ytd_rate_agg(period, value): one rate reading per month. */
Datum
ytd_rate_trans(PG_FUNCTION_ARGS)
{
	return trans(fcinfo, YTD_RATE);
}

PG_FUNCTION_INFO_V1(ytd_kind_trans);
/* ytd_agg(period, value, kind): the kind named on each row. */
Datum
ytd_kind_trans(PG_FUNCTION_ARGS)
{
	text	   *t;
	YtdKind		kind;

	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("ytd kind must not be null"),
				 errdetail("The kind is monthly, cumulative or rate.")));
	t = PG_GETARG_TEXT_PP(3);
	if (!ytd_kind_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &kind))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid ytd kind: \"%s\"", text_to_cstring(t)),
				 errdetail("The kind is monthly, cumulative or rate.")));
	return trans(fcinfo, kind);
}

/* Record the one-step aggregates' as-of date (as_of) in s, or the error. */
static void
set_asof(Ytd *s, DateADT as_of)
{
	YtdStatus	st = ytd_set_asof(s, as_of);

	if (unlikely(st != YTD_OK))
		ytd_report(st, DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(as_of))),
				   st == YTD_ASOF_MIX ?
				   "The rows of one group give as-of dates in different months." :
				   "Periods and as-of dates must fall in the years 1 to 9999.");
}

/*
 * The as-of month a new one-step state is sized for: as_of's, or -1 when
 * the state exists or as_of is out of range (set_asof reports that).
 */
static inline int32
new_state_asof(const Ytd *s, DateADT as_of)
{
	int32		asof;

	if (s != NULL || !ytd_day_month(as_of, &asof))
		return -1;
	return asof;
}

PG_FUNCTION_INFO_V1(ytd_asof_trans);
/* One-step aggregates (period, value, as_of): monthly readings and as-of. */
Datum
ytd_asof_trans(PG_FUNCTION_ARGS)
{
	Ytd		   *s;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = state_arg(fcinfo, true);
	s = add_reading(s, YTD_MONTHLY, period_month(PG_GETARG_DATEADT(1)), PG_GETARG_FLOAT8(2),
					new_state_asof(s, PG_GETARG_DATEADT(3)));
	set_asof(s, PG_GETARG_DATEADT(3));
	PG_RETURN_POINTER(s);
}

/*
 * Merge b into a: a itself (merged in place) where possible, else a new
 * state in the current memory context (a is then unchanged or partly
 * merged, and no longer needed).
 */
static Ytd *
combine_states(Ytd *a, Ytd *b)
{
	int			base,
				nyears;
	YtdStatus	st = ytd_merge_check(a, b, &base, &nyears);

	if (st == YTD_SPAN)
	{
		/* a one-step state's empty as-of years do not count */
		a = drop_empty_years(a);
		b = drop_empty_years(b);
		st = ytd_merge_check(a, b, &base, &nyears);
	}
	if (st == YTD_KIND_MIX)
		report_kind_mix(a->kind, b->kind);
	if (st == YTD_SPAN)
		ytd_report(st, "", "The states merged would span more years than a state may.");
	if (st != YTD_OK)
		ytd_report(st, "", "The states merged give as-of dates in different months.");
	/* the common case: in place, so nodeAgg keeps the state without a copy */
	if (ytd_merge_fast(a, b))
		return a;
	if (YTD_IS_WIDE(b) && !YTD_IS_WIDE(a))
		a = ytd_widen(a);
	if (base != a->base_year || nyears != a->nyears)
		a = grow(a, base, nyears);
	if (!YTD_IS_WIDE(a))
	{
		/* merge into a copy: a sum beyond 64 bits means starting over wide */
		Ytd		   *c = grow(a, base, nyears);

		st = ytd_merge_into(c, b);
		if (st == YTD_WIDEN)
		{
			pfree(c);
			c = ytd_widen(a);
			st = ytd_merge_into(c, b);
		}
		a = c;
	}
	else
		st = ytd_merge_into(a, b);
	if (st != YTD_OK)
		ytd_report(st, "",
				   st == YTD_RATE_ADDED ?
				   "Two states hold a reading of a rate for the same month." :
				   "The sum of a month overflows.");
	return a;
}

PG_FUNCTION_INFO_V1(ytd_combine);
/* Combine function and rollup transition: merge the second state in. */
Datum
ytd_combine(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(combine_states(state_arg(fcinfo, false), PG_GETARG_YTD(1)));
}

/*
 * The one-step aggregates' internal state (since 0.3.0): a Ytd, the same
 * varlena as the type ytd's, kept in the aggregate context.  nodeAgg
 * copies a by-reference state each time a transition function returns a
 * new pointer (a group's first row); an internal state is allocated there
 * once instead.  The transition and combine functions work in the
 * per-tuple context as those of the type ytd do, and move a state that
 * had to be reallocated (a year outside its range, the wide layout) into
 * the aggregate context, freeing the old one.  Partial states travel from
 * parallel workers to their leader packed (ytd_pack) as bytea.
 */

/* The aggregate context of an internal-state call, or an error naming fn. */
static MemoryContext
state_context(FunctionCallInfo fcinfo, const char *fn)
{
	MemoryContext aggcxt;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fn)));
	return aggcxt;
}

/*
 * States of many groups come from an arena: blocks of 1 MB doubling up to
 * 8 MB (as the aggregate context's own blocks grow) whose 2 MB-aligned
 * part is marked for transparent huge pages, so that the memory of
 * 200,000 groups' states costs tens of page faults rather than tens of
 * thousands (first touching it was an eighth of the query).  The first
 * STATE_PLAIN bytes of states, and states of other sizes than two narrow
 * years (grown, wide), are palloc'd in the aggregate context as usual;
 * arena states are never freed one by one but with the context, whose
 * reset also ends the arena.
 */
#define STATE_HUGE	((Size) 2 * 1024 * 1024)
#define STATE_FIRST ((Size) 1024 * 1024)
#define STATE_LAST	((Size) 8 * 1024 * 1024)
#define STATE_PLAIN ((Size) 256 * 1024)
#define STATE_MAX_BLOCKS 64

typedef struct StateArena
{
	MemoryContext cxt;			/* the aggregate context it allocates in */
	char	   *next;			/* free space of the current block */
	char	   *end;
	int			nblocks;
	char	   *start[STATE_MAX_BLOCKS];	/* the blocks */
	Size		size[STATE_MAX_BLOCKS];
} StateArena;

/* What a function's fn_extra holds: its states in one aggregate context. */
typedef struct StateAlloc
{
	MemoryContext cxt;			/* the context counted (NULL: none, or reset) */
	Size		plain;			/* bytes of states palloc'd in it one by one */
	StateArena *arena;			/* its arena from STATE_PLAIN bytes on, else NULL */
} StateAlloc;

/* A reset callback of a context counted in a StateAlloc. */
typedef struct StateReset
{
	MemoryContextCallback cb;
	StateAlloc *alloc;
	MemoryContext cxt;
} StateReset;

/* Start over when the context counted is reset or deleted (its arena with it). */
static void
state_reset(void *arg)
{
	StateReset *r = (StateReset *) arg;

	if (r->alloc->cxt == r->cxt)
		memset(r->alloc, 0, sizeof(StateAlloc));
}

/* The StateAlloc of fcinfo's function, made on first use. */
static StateAlloc *
alloc_of(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(StateAlloc));
	return (StateAlloc *) fcinfo->flinfo->fn_extra;
}

/* Whether p is a state of the arena a. */
static bool
arena_owns(const StateArena *a, const void *p)
{
	for (int i = 0; i < a->nblocks; i++)
		if ((const char *) p >= a->start[i] && (const char *) p < a->start[i] + a->size[i])
			return true;
	return false;
}

/*
 * size bytes (a state's) in aggcxt, from the arena where it has room.  An
 * arena is never left while its context lives (state_free must know its
 * states): states of another context are then palloc'd.
 */
static Ytd *
state_alloc(FunctionCallInfo fcinfo, MemoryContext aggcxt, Size size)
{
	StateAlloc *h = alloc_of(fcinfo);
	StateArena *a = h->arena;

	size = MAXALIGN(size);
	if (size != MAXALIGN(YTD_SIZE(2, false)) || (a != NULL && a->cxt != aggcxt))
		return MemoryContextAlloc(aggcxt, size);
	if (a == NULL)
	{
		if (h->cxt != aggcxt)
		{
			StateReset *r = MemoryContextAlloc(aggcxt, sizeof(StateReset));

			r->cb.func = state_reset;
			r->cb.arg = r;
			r->alloc = h;
			r->cxt = aggcxt;
			MemoryContextRegisterResetCallback(aggcxt, &r->cb);
			h->cxt = aggcxt;
			h->plain = 0;
		}
		if (h->plain < STATE_PLAIN)
		{
			h->plain += size;
			return MemoryContextAlloc(aggcxt, size);
		}
		a = h->arena = MemoryContextAllocZero(aggcxt, sizeof(StateArena));
		a->cxt = aggcxt;
	}
	if (a->next == NULL || a->end - a->next < (ptrdiff_t) size)
	{
		Size		bsize;
		char	   *huge;

		if (a->nblocks == STATE_MAX_BLOCKS)
			return MemoryContextAlloc(aggcxt, size);
		bsize = a->nblocks == 0 ? STATE_FIRST : Min(a->size[a->nblocks - 1] * 2, STATE_LAST);
		a->next = MemoryContextAlloc(aggcxt, bsize);
		a->end = a->next + bsize;
		a->start[a->nblocks] = a->next;
		a->size[a->nblocks++] = bsize;
#ifdef MADV_HUGEPAGE
		/* a hint: without huge pages the states merely cost more faults */
		huge = (char *) TYPEALIGN(STATE_HUGE, a->next);
		if (huge + STATE_HUGE <= a->end)
			(void) madvise(huge, TYPEALIGN_DOWN(STATE_HUGE, a->end - huge), MADV_HUGEPAGE);
#endif
	}
	a->next += size;
	return (Ytd *) (a->next - size);
}

/* Free a state of the aggregate context unless an arena holds it. */
static void
state_free(FunctionCallInfo fcinfo, Ytd *s)
{
	StateAlloc *h = alloc_of(fcinfo);

	if (h->arena == NULL || !arena_owns(h->arena, s))
		pfree(s);
}

/*
 * t (a state made in the per-tuple context) in the aggregate context,
 * instead of old; the aggregate context is looked up only then (a state
 * exists only inside an aggregate), and fn named in the error outside one.
 */
static Ytd *
keep_state(FunctionCallInfo fcinfo, const char *fn, Ytd *t, Ytd *old)
{
	MemoryContext aggcxt;
	Ytd		   *k;

	if (t == old)
		return t;
	aggcxt = state_context(fcinfo, fn);
	k = state_alloc(fcinfo, aggcxt, VARSIZE(t));
	memcpy(k, t, VARSIZE(t));
	if (old != NULL)
		state_free(fcinfo, old);
	return k;
}

PG_FUNCTION_INFO_V1(ytd_asof_state_trans);
/* ytd_asof_trans over the internal state of ytd_growth and ytd_value. */
Datum
ytd_asof_state_trans(PG_FUNCTION_ARGS)
{
	Ytd		   *s = PG_ARGISNULL(0) ? NULL : (Ytd *) PG_GETARG_POINTER(0);
	int32		month;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (s == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(s);
	}
	month = period_month(PG_GETARG_DATEADT(1));
	if (s == NULL)
	{
		/* the group's first row: its state made in the aggregate context */
		Ytd		   *t = new_state(YTD_MONTHLY, month, new_state_asof(NULL, PG_GETARG_DATEADT(3)));

		s = keep_state(fcinfo, "ytd_asof_state_trans", t, NULL);
	}
	s = keep_state(fcinfo, "ytd_asof_state_trans", add_reading(s, YTD_MONTHLY, month, PG_GETARG_FLOAT8(2), -1), s);
	set_asof(s, PG_GETARG_DATEADT(3));
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(ytd_state_combine);
/* ytd_combine over the internal state (not strict: the first may be NULL). */
Datum
ytd_state_combine(PG_FUNCTION_ARGS)
{
	Ytd		   *a = PG_ARGISNULL(0) ? NULL : (Ytd *) PG_GETARG_POINTER(0);
	Ytd		   *b = PG_ARGISNULL(1) ? NULL : (Ytd *) PG_GETARG_POINTER(1);

	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
		PG_RETURN_POINTER(keep_state(fcinfo, "ytd_state_combine", b, NULL));
	PG_RETURN_POINTER(keep_state(fcinfo, "ytd_state_combine", combine_states(a, b), a));
}

/* The first byte of a serialized state: what follows. */
#define STATE_RAW		0		/* the varlena's bytes after its length word */
#define STATE_PACKED	1		/* ytd_pack's bytes (narrow states) */

PG_FUNCTION_INFO_V1(ytd_state_serial);
/*
 * The internal state as bytea: packed (a fifth of the bytes for a few
 * readings a month, which parallel workers send to their leader), or a
 * wide state's bytes as they are.
 */
Datum
ytd_state_serial(PG_FUNCTION_ARGS)
{
	const Ytd  *s;
	bytea	   *b;

	(void) state_context(fcinfo, "ytd_state_serial");
	s = (const Ytd *) PG_GETARG_POINTER(0);
	if (YTD_IS_WIDE(s))
	{
		b = palloc(VARSIZE(s) + 1);
		*(uint8 *) VARDATA(b) = STATE_RAW;
		memcpy(VARDATA(b) + 1, (const char *) s + VARHDRSZ, VARSIZE(s) - VARHDRSZ);
		SET_VARSIZE(b, VARSIZE(s) + 1);
	}
	else
	{
		b = palloc(VARHDRSZ + 1 + YTD_PACK_MAX(s->nyears));
		*(uint8 *) VARDATA(b) = STATE_PACKED;
		SET_VARSIZE(b, VARHDRSZ + 1 + ytd_pack(s, (uint8 *) VARDATA(b) + 1));
	}
	PG_RETURN_BYTEA_P(b);
}

PG_FUNCTION_INFO_V1(ytd_state_deserial);
/* An internal state (in the per-tuple context) from ytd_state_serial's bytes. */
Datum
ytd_state_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *b;
	const uint8 *in;
	size_t		len;
	Ytd		   *s;
	int			nyears;

	(void) state_context(fcinfo, "ytd_state_deserial");
	b = PG_GETARG_BYTEA_PP(0);
	in = (const uint8 *) VARDATA_ANY(b);
	len = VARSIZE_ANY_EXHDR(b);
	if (len > 0 && in[0] == STATE_PACKED && ytd_packed_years(in + 1, len - 1, &nyears))
	{
		s = palloc(YTD_SIZE(nyears, false));
		SET_VARSIZE(s, YTD_SIZE(nyears, false));
		if (ytd_unpack(s, in + 1, len - 1))
			PG_RETURN_POINTER(s);
	}
	else if (len > offsetof(Ytd, years) - VARHDRSZ && in[0] == STATE_RAW)
	{
		s = palloc(len - 1 + VARHDRSZ);
		memcpy((char *) s + VARHDRSZ, in + 1, len - 1);
		SET_VARSIZE(s, len - 1 + VARHDRSZ);
		if ((s->flags & YTD_EXACT) && s->kind >= YTD_MONTHLY && s->kind <= YTD_RATE &&
			VARSIZE(s) == YTD_SIZE(s->nyears, YTD_IS_WIDE(s)))
			PG_RETURN_POINTER(s);
	}
	ytd_report(YTD_CORRUPT, "", "A partial ytd state does not have the layout of one.");
	PG_RETURN_NULL();			/* keep the compiler quiet */
}
