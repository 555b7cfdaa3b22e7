// The park test's verdict per unit and year (docs/evolution.md, "Verdict per year"): the rule of
// `firmnet parks` (spatial::decide_verdict, docs/METHODS.md) applied to each snapshot's
// signatures (unit_dynamics.hpp).
//
// Per snapshot, as in run_parks: a unit is tested when it has at least min_firms firms and
// min_links member link ends; its empirical p-values (internal links and their vertical part
// against the snapshot's swap null) get Benjamini-Hochberg q-values across the snapshot's tested
// units; then decide_verdict: too small to tell, externally oriented (member link ends leaving
// the region), linked cluster (substantial against the degree expectation and the null mean,
// vertical links significant and predominant), else co-location only.
// What differs from `firmnet parks`: no community evidence (the "part of a wider cluster"
// verdict and the concentration condition need a partition per year; evolution's Leiden runs
// on snapshots for tracking, not for the unit test), the null is the one requested (degree by
// default, no automatic switch to the distance null), and there is no study area.
// Without null replicates no verdict is given.
// Complexity: O(rows log rows) for the grouping and the q-values.
#pragma once
#include <string_view>
#include <vector>

#include "algorithms/evolution/unit_dynamics.hpp"
#include "algorithms/spatial/park_verdicts.hpp"

namespace firmnet::evolution {

inline constexpr const char* kVerdictUntested = "not tested";

/// Sets q, vertical_q, verdict and verdict_reason on every row (rows by snapshot, then unit).
/// sampled: whether the swap null ran (replicates > 0); null_name names it in the reasons.
/// O(rows log rows).
void assign_verdicts(std::vector<UnitYear>& rows, const spatial::VerdictRules& rules, bool sampled,
                     std::string_view null_name);

}  // namespace firmnet::evolution
