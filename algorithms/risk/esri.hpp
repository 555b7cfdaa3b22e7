// Economic systemic risk index (ESRI; Diem, Borsos, Reisch, Kertész & Thurner, "Quantifying
// firm-level economic systemic risk from nation-wide supply networks", Sci. Rep. 12:7719,
// 2022) of every firm, and the top-k riskiest firms by screening.
//
//   ESRI_i = sum_j s_out_j (1 - h_j) / sum_j s_out_j,   h = fixed point of the cascade
//            (shock_cascade.hpp) after firm i fails (psi = e_i),
// the output-weighted share of the network's production lost. ESRI_i >= s_out_i / sum s_out.
// Without an essentiality table both production-function extremes are run: every input
// essential (an upper bound on ESRI under any table: its downstream level is a minimum over
// groups, at most every mixed level) and no input essential (linear); the two are reported as
// a range and `esri` holds the all-essential value.
//
// All firms: one cascade per firm with supply links, parallel over firms with one workspace
// per thread; each cascade runs serially, so values do not depend on the thread count.
// Top-k screening: each firm has an upper bound, the output share of its weakly connected
// supply component (no firm outside it can be touched). Firms run in blocks, largest bound
// first (node order within a bound); with t_b the k-th largest value found in the
// blocks before (0 at first), a firm whose bound reaches t_b runs to the end, any other under
// a budget of `screen_pops` frontier pops: settled, it is exact; cut, it keeps a lower bound
// (its partial loss: levels only fall) and its upper bound, which lies below t_b and so below
// the final k-th largest lower bound t. At least k exact values reach t and no bounded firm
// does, so the top k equal the exhaustive top k; the blocks' thresholds depend on firm order
// only, not on threads. The component bound is weak on a connected network: there every
// cascade runs to the end and the top k cost as much as every firm's ESRI (docs/risk.md).
// Complexity: O(sum over firms of its cascade's pops x degree) / threads.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/risk/shock_cascade.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::risk {

struct RiskRequest : CascadeInputs {
  std::size_t top = 0;                // 0: every firm; else the top-k by screening
  std::uint64_t screen_pops = 2000;   // pop budget of a cascade whose bound is below the threshold
};

struct RiskOutcome {
  bool has_table = false;
  std::vector<double> esri;           // per node: the table's ESRI, else the all-essential bound
  std::vector<double> esri_linear;    // per node without a table: no input essential (else empty;
                                      // in top-k mode NaN outside the top k)
  std::vector<std::uint8_t> exact;    // 1 = computed to the end; 0 = only bounded (top-k mode)
  std::vector<double> upper_bound;    // per node: ESRI itself when exact, else the screening bound
  std::vector<double> output_share;   // s_out_i / sum s_out
  std::vector<std::uint32_t> cascade_size;  // firms whose level fell in the (esri) cascade
  std::vector<std::uint32_t> suppliers, customers;  // distinct supply partners in the view
  std::vector<NodeId> top;            // the riskiest firms, by esri then node index
  std::uint64_t full_cascades = 0;      // cascades run without a budget
  std::uint64_t screened_cascades = 0;  // cascades run under the pop budget (top-k mode)
  std::uint64_t frontier_pops = 0;    // firms popped over every cascade run (the work done)
  std::uint64_t unmatched_pairs = 0;  // industry pairs no table rule matched
  double total_output = 0;
};

/// ESRI of every firm (request.top == 0) or of the top-k by screening. Throws UsageError for
/// a tolerance outside (0, 1). O(sum of cascade costs / threads + n + m log d_max).
RiskOutcome run_risk(const GraphView& view, const RiskRequest& request, const Progress& progress = {});

/// The ESRI of the given firms on a built network, one cascade each, parallel over firms.
/// O(sum of their cascade costs / threads).
std::vector<double> esri_of(const ProductionNetwork& network, const std::vector<NodeId>& firms,
                            const CascadeSettings& settings, std::vector<std::uint32_t>* cascade_size = nullptr,
                            const Progress& progress = {}, std::uint64_t* pops = nullptr);

}  // namespace firmnet::risk
