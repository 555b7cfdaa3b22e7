// One supply-shock scenario (Diem, Borsos, Reisch, Kertész & Thurner, Sci. Rep. 12:7719,
// 2022): a set of firms loses a fraction of its production (1 = fails), the cascade of
// shock_cascade.hpp runs to its fixed point, and the production lost is summed
//   per firm:  s_out_i (1 - h_i)   (output lost, in the network's volume unit)
//   in total:  sum_i s_out_i (1 - h_i) / sum_i s_out_i
//   per park, industry and region: output lost / output of its firms.
// The failing set is given by node index, or as every firm of a park, region or industry
// (an industry code matches as a prefix after dropping '.', ' ' and '-').
// Without an essentiality table the scenario runs under both extremes (every input
// essential; none), and the outcome holds both.
// Complexity: O(n + m log d_max) to build the network plus the cascade's pops x degree.
#pragma once
#include <string>
#include <vector>

#include "algorithms/risk/shock_cascade.hpp"
#include "graph/progress.hpp"
#include "graph/views.hpp"

namespace firmnet::risk {

enum class FailingBy : std::uint8_t { firms, park, region, industry };

struct ShockRequest : CascadeInputs {
  FailingBy by = FailingBy::firms;
  std::vector<std::string> names;  // firm ids, or the one park / region / industry
  double fraction = 1.0;           // share of production the failing firms lose
};

/// Production lost in one group of firms (a park, industry or region).
struct GroupLoss {
  std::string group;  // "" for firms without a value
  std::uint64_t firms = 0;
  double output = 0, output_lost = 0, share_lost = 0;
};

struct ScenarioLosses {
  std::vector<double> level;        // per node, 1 = unaffected
  std::vector<double> output_lost;  // per node, s_out_i (1 - h_i)
  double share_lost = 0;            // of the network's output
  std::uint64_t affected = 0;       // firms whose level fell
  std::vector<GroupLoss> by_park, by_industry, by_region;  // groups with a loss, largest first
};

struct ShockOutcome {
  std::vector<NodeId> failing;
  bool has_table = false;
  ScenarioLosses losses;          // the table's, else every input essential
  ScenarioLosses linear_losses;   // without a table: no input essential (else empty)
  std::uint64_t unmatched_pairs = 0;
};

/// Resolves the failing firms of a request: node ids, or every node of the park / region, or
/// whose industry code starts with the given one. Throws UsageError for an unknown id, a
/// group with no firm, or an empty list. O(n) (plus the id index on first use).
std::vector<NodeId> failing_firms(const Graph& graph, const ShockRequest& request);

/// Runs the scenario. Throws UsageError for a fraction outside [0, 1] or a bad failing set.
/// O(n + m log d_max + cascade).
ShockOutcome run_shock(const GraphView& view, const ShockRequest& request, const Progress& progress = {});

}  // namespace firmnet::risk
