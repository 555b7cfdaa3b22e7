// Output at risk in each industrial park: from the failure of its own anchor firms and from a
// lockdown of each region outside it, with the supply-shock cascade of Diem, Borsos, Reisch,
// Kertész & Thurner, "Quantifying firm-level economic systemic risk from nation-wide supply
// networks", Sci. Rep. 12:7719, 2022 (shock_cascade.hpp).
//
// For park P with members M_P and output X_P = sum_{i in M_P} s_out_i, and a scenario whose
// cascade ends at levels h:
//   park loss    L_P = sum_{i in M_P} s_out_i (1 - h_i) / X_P
//   network loss L   = sum_i s_out_i (1 - h_i) / sum_i s_out_i
// Scenarios:
//   own anchors: the park's `anchors_per_park` members of highest anchor score (or, without
//                scores, of largest output) fail; L_P counts their own output too, which is
//                reported beside it (anchors' share of X_P) so the knock-on loss is visible;
//   outside:     every firm of region R fails, for each region R holding no member of P;
//                the worst such region (largest L_P; ties: first region in the node table's
//                dictionary) is reported with its L_P.
// One cascade per park and one per region, each region's cascade shared by all parks.
// Without an essentiality table every scenario runs under both production-function extremes
// (every input essential: the upper bound; none essential), like `firmnet risk`.
// Approach: cascades run in parallel over scenarios, one workspace per thread, each cascade
// serial; a scenario's park losses go to its own row, reduced in scenario order, so the outcome
// does not depend on the thread count.
// Complexity: O(n + m log d_max) to build the network(s), plus the (P + R) cascades' pops x
// degree and O(touched) each to sum park losses; memory O(R x P) doubles for the region rows.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "algorithms/risk/shock_cascade.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::risk {

struct ExposureRequest : CascadeInputs {
  std::size_t anchors_per_park = 3;
  /// Anchor score per node (e.g. the anchors result's anchor_score; NaN = not scored). Empty:
  /// a park's anchors are its members of largest output.
  std::vector<double> anchor_score;
  std::string anchor_source;        // where the scores came from, for the stored parameters
};

/// One extreme's losses for a park (shares of the park's output, or of the network's).
struct ParkLosses {
  double anchors_loss = 0;          // L_P when its anchors fail
  double anchors_network_loss = 0;  // L when its anchors fail
  std::int32_t worst_region = -1;   // region code (graph.nodes.region), -1 = none tested
  double worst_region_loss = 0;     // its L_P
};

struct ParkExposure {
  std::int32_t park = 0;            // park code (graph.nodes.park)
  std::uint64_t firms = 0;          // members in the production network
  double output_share = 0;          // X_P / sum s_out
  std::vector<NodeId> anchors;      // the failing anchors, best first
  double anchors_output_share = 0;  // their output / X_P
  std::uint64_t regions_tested = 0; // regions holding no member of the park
  ParkLosses losses;                // the table's, else every input essential
  ParkLosses linear_losses;         // without a table: no input essential
};

struct ExposureOutcome {
  bool has_table = false;
  std::vector<ParkExposure> parks;  // parks with members in the network, in dictionary order
  std::uint64_t cascades = 0;       // scenarios run (both extremes counted)
  std::uint64_t unmatched_pairs = 0;
};

/// The anchors a park's scenario fails: its members with output, by decreasing score (or
/// output without scores), ties by node index, at most k. O(|members| log |members|).
std::vector<NodeId> park_anchors(const std::vector<NodeId>& members, const std::vector<double>& score,
                                 const std::vector<double>& output, std::size_t k);

/// Every park's exposure. Throws UsageError for a tolerance outside (0, 1), an anchor score
/// column of the wrong size or anchors_per_park 0. O(n + m log d_max + cascades).
ExposureOutcome run_park_exposure(const GraphView& view, const ExposureRequest& request,
                                  const Progress& progress = {});

}  // namespace firmnet::risk
