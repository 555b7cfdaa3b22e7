// Before and after a park's establishment: an event study and a difference-in-differences
// estimate (docs/evolution.md, "Before and after establishment"; docs/METHODS.md, "Difference
// in differences around a park's establishment").
//
// Outcomes Y per unit and year (unit_dynamics.hpp): ratio (internal links / degree-null
// expectation), vertical share, internal links. For an established park p (establishment year
// E_p, base year b = E_p - 1, the last year before it: no anticipation assumed) and a year
// y != b in which p and its base both have a finite Y, the cell effect is the long difference
// against the comparison parks, after Callaway & Sant'Anna (2021, "Difference-in-differences
// with multiple time periods", J. Econometrics 225(2)) with not-yet-treated controls:
//   C(p, y)    = parks c != p with no establishment year or E_c > max(y, b), Y finite in y and b
//   ATT(p, y)  = (Y_p,y - Y_p,b) - mean_{c in C(p,y)} (Y_c,y - Y_c,b)      (NaN when C is empty)
// Estimates: "after" = mean of ATT(p, y) over cells y >= E_p (each cell one weight); "before" =
// mean over cells y <= E_p - 2, a placebo whose interval should hold 0 under parallel trends.
// Long differences against the one base year keep every comparison clean of already-treated
// parks, the bias of two-way fixed effects under staggered timing (Goodman-Bacon 2021).
// Interval: a cluster bootstrap over parks. Each replicate draws the parks with a row (treated
// and comparison alike) with replacement; a drawn park counts with its multiplicity, as a
// treated cell weight and as a comparison weight; cells whose weighted comparison set is empty
// drop out, replicates without a cell are not counted. The interval is the percentile interval
// (level) of the replicates (Efron & Tibshirani 1993, ch. 13); serial, one Rng stream.
// The event-study rows give, per established park and year, Y beside the mean over the parks not
// yet established in that year (no year or E > y) and the units' complement, the rest of the
// region (firms in no park, one pooled unit).
// Complexity: O(rows log rows + B * sum over cells of |C(p, y)|), B bootstrap replicates.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/evolution/unit_dynamics.hpp"

namespace firmnet::evolution {

struct EventStudyRequest {
  int bootstrap = 999;   // replicates of the cluster bootstrap over parks (0: no interval)
  double level = 0.95;   // of the percentile interval
  std::uint64_t seed = 1;
};

/// One established park in one year.
struct EventStudyRow {
  std::size_t unit = 0;
  int established = 0, year = 0, relative_year = 0;
  std::uint64_t firms = 0, internal_links = 0;
  double expected = 0, ratio = 0, vertical_share = 0;
  std::uint64_t comparison_parks = 0;  // parks not yet established in `year` with a row then
  double comparison_ratio = 0, comparison_vertical_share = 0;  // their means (NaN when none)
  double rest_ratio = 0, rest_vertical_share = 0;  // the rest of the region in `year`
  double did_ratio = 0, did_vertical_share = 0, did_internal_links = 0;  // ATT(p, y); NaN without one
};

/// One difference-in-differences estimate.
struct DidEstimate {
  std::string outcome;  // ratio, vertical_share, internal_links
  std::string period;   // after, before
  double estimate = 0, lower = 0, upper = 0;  // NaN when no cell
  std::uint64_t cells = 0, treated_parks = 0, comparison_parks = 0;
  int replicates = 0;   // bootstrap replicates that had a cell
};

struct EventStudy {
  std::vector<EventStudyRow> rows;  // by park, then year
  std::vector<DidEstimate> estimates;
};

inline constexpr const char* kDidAfter = "after";
inline constexpr const char* kDidBefore = "before";

/// established: per unit, 0 = none. rest: the rest of the region's rows (unit 0), one per
/// snapshot at most. Throws UsageError for bootstrap < 0 or level outside (0, 1).
/// O(rows log rows + B * sum |C|).
EventStudy event_study(const std::vector<UnitYear>& rows, const std::vector<int>& established,
                       const std::vector<UnitYear>& rest, const EventStudyRequest& request);

}  // namespace firmnet::evolution
