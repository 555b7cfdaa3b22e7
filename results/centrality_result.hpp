// Describes a centrality outcome (algorithms/centrality/centrality_suite.hpp) as a stored
// result: one node column per score (in node order), the convergence facts as scalars, and
// every setting that shaped the numbers as parameters (docs/centrality.md, docs/FORMAT.md).
#pragma once
#include <string>

#include "algorithms/centrality/centrality_suite.hpp"
#include "results/result.hpp"

namespace firmnet::centrality {

/// The outcome as result `name` (method "centrality"); filter is the view's edge selection.
/// O(n * columns).
Result centrality_result(const std::string& name, const CentralityOutcome& outcome, const CentralityRequest& request,
                         const EdgeFilter& filter, int threads);

}  // namespace firmnet::centrality
