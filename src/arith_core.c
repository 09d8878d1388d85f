/*
 * arith_core.c
 *		The bureau's arithmetic on numbers and on ytd states.  Pure C: no
 *		PostgreSQL headers.
 *
 * Year-to-date values come from ytd_value_of, so every coverage rule of
 * the state (the January-February convention, cumulative readings) holds
 * here too.  Month numbers are year * 12 + (month - 1).
 */
#include "arith_core.h"

#include <math.h>

/* Store v in *out if finite; false otherwise. */
static bool
finite_out(double v, double *out)
{
	if (!isfinite(v))
		return false;
	*out = v;
	return true;
}

bool
arith_contribution(double part, double part_prior, double total,
				   double total_prior, double *pct)
{
	double		dt = total - total_prior;

	if (dt == 0.0 || !isfinite(dt))
		return false;
	return finite_out((part - part_prior) / dt * 100.0, pct);
}

bool
arith_pull(double part, double part_prior, double total_prior, double *pp)
{
	if (!(total_prior > 0.0))
		return false;
	return finite_out((part - part_prior) / total_prior * 100.0, pp);
}

bool
arith_pull_comparable(double part_base, double total_base, double part_growth,
					  double *pp)
{
	if (!(total_base > 0.0))
		return false;
	return finite_out(part_base / total_base * part_growth, pp);
}

bool
arith_required_growth(double annual, double ytd_prior, double ytd, double goal,
					  double *pct)
{
	double		rest = annual - ytd_prior;

	if (!(rest > 0.0))
		return false;
	return finite_out(((goal - ytd) / rest - 1.0) * 100.0, pct);
}

bool
arith_projection(double annual, double ytd_prior, double ytd, double *p)
{
	if (!(ytd_prior > 0.0))
		return false;
	return finite_out(ytd + (annual - ytd_prior) * (ytd / ytd_prior), p);
}

bool
arith_avg_growth(double cur, double base, int years, double *pct)
{
	double		ratio;

	if (years < 1 || !(base > 0.0) || !(cur >= 0.0))
		return false;
	ratio = cur / base;
	return finite_out((pow(ratio, 1.0 / years) - 1.0) * 100.0, pct);
}

bool
arith_goal(const Target *t, double annual, double *goal)
{
	if (t->relative)
		return false;
	if (t->measure == MEASURE_GROWTH)
		return finite_out(annual * (1.0 + t->lo / 100.0), goal);
	if (t->measure == MEASURE_LEVEL)
		return finite_out(t->lo, goal);
	return false;
}

bool
arith_share_growing(int64_t counted, int64_t growing, double *pct)
{
	if (counted <= 0 || growing < 0 || growing > counted)
		return false;
	*pct = (double) growing / (double) counted * 100.0;
	return true;
}

/* This year's and last year's year-to-date values as of month. */
static bool
values(const Ytd *s, int32_t month, double *cur, double *prior)
{
	return ytd_value_of(s, month, cur) && ytd_value_of(s, month - 12, prior);
}

/* A part's and its total's year-to-date values now (v[0], v[2]) and a year before. */
static bool
part_and_total(const Ytd *part, const Ytd *total, int32_t month, double v[4])
{
	return values(part, month, &v[0], &v[1]) && values(total, month, &v[2], &v[3]);
}

bool
ytd_contribution_of(const Ytd *part, const Ytd *total, int32_t month, double *pct)
{
	double		v[4];

	return part_and_total(part, total, month, v) &&
		arith_contribution(v[0], v[1], v[2], v[3], pct);
}

bool
ytd_pull_of(const Ytd *part, const Ytd *total, int32_t month, double *pp)
{
	double		v[4];

	return part_and_total(part, total, month, v) && arith_pull(v[0], v[1], v[3], pp);
}

bool
ytd_annual_prior_of(const Ytd *s, int32_t month, double *v)
{
	int32_t		december = month - month % 12 - 1;

	return ytd_value_of(s, december, v);
}

bool
ytd_required_growth_of(const Ytd *s, int32_t month, double goal, double *pct)
{
	double		cur,
				prior,
				annual;

	if (month % 12 == 11 || !values(s, month, &cur, &prior) ||
		!ytd_annual_prior_of(s, month, &annual))
		return false;
	return arith_required_growth(annual, prior, cur, goal, pct);
}

bool
ytd_projection_of(const Ytd *s, int32_t month, double *p)
{
	double		cur,
				prior,
				annual;

	if (!values(s, month, &cur, &prior) || !ytd_annual_prior_of(s, month, &annual))
		return false;
	return arith_projection(annual, prior, cur, p);
}

bool
ytd_projected_growth_of(const Ytd *s, int32_t month, double *pct)
{
	double		p,
				annual;

	if (!ytd_projection_of(s, month, &p) || !ytd_annual_prior_of(s, month, &annual))
		return false;
	return ytd_pct(p, annual, pct);
}

bool
ytd_required_growth_for(const Ytd *s, int32_t month, const Target *t, double *pct)
{
	double		annual,
				goal;

	return ytd_annual_prior_of(s, month, &annual) && arith_goal(t, annual, &goal) &&
		ytd_required_growth_of(s, month, goal, pct);
}

bool
ytd_projection_met_of(const Ytd *s, int32_t month, const Target *t, bool *met)
{
	double		v;

	if (t->relative)
		return false;
	if (t->measure == MEASURE_GROWTH)
	{
		if (!ytd_projected_growth_of(s, month, &v))
			return false;
	}
	else if (t->measure != MEASURE_LEVEL || !ytd_projection_of(s, month, &v))
		return false;
	*met = target_eval_met(t, t->lo, v);
	return true;
}

bool
ytd_avg_growth_of(const Ytd *s, int32_t month, int years, double *pct)
{
	double		cur,
				base;

	if (years < 1 || years > YTD_MAX_YEAR || month - 12 * years < 12 * YTD_MIN_YEAR ||
		!ytd_value_of(s, month, &cur) || !ytd_value_of(s, month - 12 * years, &base))
		return false;
	return arith_avg_growth(cur, base, years, pct);
}

bool
ytd_month_growth_of(const Ytd *s, int32_t month, double *pct)
{
	double		cur,
				prior;

	if (!ytd_month_value_of(s, month, &cur) || !ytd_month_value_of(s, month - 12, &prior))
		return false;
	return ytd_pct(cur, prior, pct);
}

/*
 * A month compares with the month before; the first period a year
 * publishes, January or a February standing for January too (1-2月: no
 * January growth of its own), has no earlier figure in its year and
 * compares with the previous year's whole-year growth, as bulletins write
 * "1-2月增长5.3%，比上年全年回落0.4个百分点".
 */
bool
ytd_growth_change_of(const Ytd *s, int32_t month, double *pp)
{
	int32_t		january = month - month % 12;
	double		cur,
				prev;

	if (!ytd_growth_of(s, month, &cur))
		return false;
	if (month > january && ytd_growth_of(s, month - 1, &prev))
		return finite_out(cur - prev, pp);
	if (month == january || month == january + 1)
		return ytd_growth_of(s, january - 1, &prev) && finite_out(cur - prev, pp);
	return false;
}

bool
ytd_seasonal_shape(const Ytd *s, int32_t month, double share[12], bool has[12])
{
	int32_t		first = month - month % 12 - 12;
	double		annual,
				c;

	if (!ytd_value_of(s, first + 11, &annual) || !(annual > 0.0))
		return false;
	for (int m = 0; m < 12; m++)
	{
		/* a share outside 0..1 (a month with a negative value) is no share */
		has[m] = ytd_value_of(s, first + m, &c) && c / annual >= 0.0 && c / annual <= 1.0;
		share[m] = has[m] ? c / annual : 0.0;
	}
	return true;
}
