// Validation of the park-versus-cluster test on generated scenarios with planted verdicts
// (datasets/generators/scenario.hpp): accuracy over seeds and mixing levels, and invariance to
// node order.
#include <catch2/catch.hpp>

#include <map>
#include <numeric>

#include "algorithms/community/leiden.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "datasets/generators/scenario.hpp"
#include "test_support.hpp"

using namespace firmnet;

namespace {

std::map<std::string, std::string> found_verdicts(const Graph& g, std::uint64_t seed) {
  community::LeidenOptions leiden;
  leiden.seed = seed;
  const auto membership = community::leiden(undirected_projection(GraphView(g)), leiden).membership;
  spatial::ParkRequest request;
  request.null.replicates = 99;
  request.null.seed = seed;
  const auto report = spatial::run_parks(GraphView(g), request, &membership);
  std::map<std::string, std::string> out;
  for (const auto& r : report.reports) out[r.name] = r.verdict;
  return out;
}

}  // namespace

TEST_CASE("park verdicts match the planted ones on scenarios", "[parks][validation]") {
  int units = 0, matched = 0;
  for (double mixing : {0.1, 0.25}) {
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      generators::ScenarioParameters p;
      p.seed = seed;
      p.mixing = mixing;
      const auto net = generators::generate_scenario(p);
      const auto planted = test::planted_verdicts(net);
      const auto found = found_verdicts(net.graph, seed);
      for (const auto& [park, verdict] : planted) {
        ++units;
        const bool ok = found.at(park) == verdict;
        matched += ok;
        if (!ok) WARN("mixing " << mixing << " seed " << seed << " " << park << ": planted '" << verdict << "', found '" << found.at(park) << "'");
      }
    }
  }
  CHECK(units >= 90);
  CHECK(static_cast<double>(matched) / units >= 0.95);
}

TEST_CASE("park verdicts do not depend on node order", "[parks][validation]") {
  generators::ScenarioParameters p;
  p.seed = 11;
  const auto net = generators::generate_scenario(p);
  const Graph& g = net.graph;
  // Reverse the node order and rebuild the graph with the same edges.
  const NodeId n = g.node_count();
  std::vector<NodeId> order(n);
  std::iota(order.rbegin(), order.rend(), NodeId{0});
  const InducedSubgraph reversed = induced_subgraph(GraphView(g), order);
  CHECK(reversed.graph.edge_count() == g.edge_count());
  CHECK(found_verdicts(reversed.graph, 3) == found_verdicts(g, 3));
}
