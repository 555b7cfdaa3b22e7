// Validation of the park-versus-cluster test where trade decays with distance
// (datasets/generators/gravity.hpp): verdict accuracy against the planted verdicts over seeds
// and decay lengths, and the false-linked rate of co-location parks.
#include <catch2/catch.hpp>

#include <map>

#include "algorithms/community/leiden.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "datasets/generators/gravity.hpp"

using namespace firmnet;

namespace {

std::map<std::string, std::string> planted_verdicts(const generators::GeneratedNetwork& net) {
  const auto& table = net.truth_table("parks");
  const auto& park = std::get<StringColumn>(table.column("park").values);
  const auto& verdict = std::get<StringColumn>(table.column("verdict").values);
  std::map<std::string, std::string> out;
  for (std::size_t i = 0; i < park.size(); ++i) out[std::string(park.value(i))] = std::string(verdict.value(i));
  return out;
}

spatial::ParkOutcome parks_of(const Graph& g, std::uint64_t seed) {
  community::LeidenOptions leiden;
  leiden.seed = seed;
  const auto membership = community::leiden(undirected_projection(GraphView(g)), leiden).membership;
  spatial::ParkRequest request;
  request.null.replicates = 99;
  request.null.seed = seed;
  return spatial::run_parks(GraphView(g), request, &membership);
}

}  // namespace

TEST_CASE("park verdicts match the planted ones when trade decays with distance", "[parks][validation]") {
  for (double decay_km : {2.0, 5.0, 10.0}) {
    int units = 0, matched = 0;
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
      generators::GravityParameters p;
      p.seed = seed;
      p.decay_km = decay_km;
      const auto net = generators::generate_gravity(p);
      const auto planted = planted_verdicts(net);
      const spatial::ParkOutcome outcome = parks_of(net.graph, seed);
      CHECK(outcome.null_kind == spatial::NullKind::distance);
      for (const auto& r : outcome.reports) {
        ++units;
        const bool ok = planted.at(r.name) == r.verdict;
        matched += ok;
        if (!ok) WARN("lambda " << decay_km << " seed " << seed << " " << r.name << ": planted '" << planted.at(r.name)
                                << "', found '" << r.verdict << "': " << r.reason);
      }
    }
    INFO("lambda " << decay_km << " km: " << matched << " of " << units);
    CHECK(units == 50);
    CHECK(static_cast<double>(matched) / units >= 0.95);
  }
}
