// Park exposure (algorithms/risk/park_exposure.hpp): each park's output lost when its anchors
// fail and in the worst lockdown of an outside region, by hand on a small chain, checked by
// its verifier, and independent of the thread count.
#include <catch2/catch.hpp>

#include "algorithms/risk/park_exposure.hpp"
#include "algorithms/risk/park_exposure_verifier.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"
#include "test_centrality_support.hpp"
#include "test_support.hpp"

namespace firmnet::test {
namespace {

StringColumn column_of_texts(const std::vector<std::string>& values) {
  StringColumnBuilder builder;
  for (const std::string& value : values) builder.push_back(value);
  return std::move(builder).finish();
}

// s (region R2) supplies anchor a of park P (region R1) with 10; a supplies b with 10, which
// t (region R3) also supplies with 10; b supplies c with 5, and c sells its 5 to u (R3).
// Park P = {a, b, c}: output 20 of the network's 40. No industry codes: one input group each.
Graph chain_with_park() {
  NodeTable nodes = plain_nodes(6);
  nodes.park = column_of_texts({"", "P", "P", "P", "", ""});
  nodes.region = column_of_texts({"R2", "R1", "R1", "R1", "R3", "R3"});
  return make_graph(6,
                    {{0, 1, RelationType::supply, 10.0},
                     {1, 2, RelationType::supply, 10.0},
                     {2, 3, RelationType::supply, 5.0},
                     {3, 5, RelationType::supply, 5.0},
                     {4, 2, RelationType::supply, 10.0}},
                    std::move(nodes));
}

risk::ExposureRequest exposure_request(risk::Channels channels, std::size_t anchors = 1) {
  risk::ExposureRequest request;
  request.cascade = {channels, 1e-12};
  request.anchors_per_park = anchors;
  return request;
}

}  // namespace

TEST_CASE("risk exposure: anchors and outside lockdowns by hand") {
  const Graph graph = chain_with_park();
  const GraphView view(graph);
  SECTION("both channels") {
    const risk::ExposureRequest request = exposure_request(risk::Channels::both);
    const risk::ExposureOutcome outcome = risk::run_park_exposure(view, request);
    REQUIRE(outcome.parks.size() == 1);
    const risk::ParkExposure& park = outcome.parks[0];
    CHECK(park.firms == 3);
    CHECK(park.output_share == Approx(0.5));
    // The largest seller of P is a (10 against 5 and 5).
    CHECK(park.anchors == std::vector<NodeId>{1});
    CHECK(park.anchors_output_share == Approx(0.5));
    CHECK(park.regions_tested == 2);
    // a fails: b keeps half its inputs (0.5), c follows (0.5); upstream s loses its one
    // customer. P loses 10 + 2.5 + 2.5 of 20; the network 25 of 40.
    CHECK(park.losses.anchors_loss == Approx(0.75));
    CHECK(park.losses.anchors_network_loss == Approx(0.625));
    // R2's lockdown (s) starves a: 0.75 again. R3's (t, u) leaves c without its customer, and
    // lost demand climbs c -> b -> a: all of P stops. R3 is the worst.
    CHECK(graph.nodes.region.dictionary[park.losses.worst_region] == "R3");
    CHECK(park.losses.worst_region_loss == Approx(1.0));
    // No input essential: with one input group per firm the same losses.
    CHECK(park.linear_losses.anchors_loss == Approx(0.75));
    CHECK(park.linear_losses.worst_region_loss == Approx(1.0));
    CHECK(outcome.cascades == 8);  // (P's anchors + the lockdowns of R1, R2, R3) x 2 extremes
    CHECK(risk::verify_park_exposure(view, request, outcome).ok());
  }
  SECTION("downstream only: the lockdown upstream of the park is the worst") {
    const risk::ExposureRequest request = exposure_request(risk::Channels::downstream);
    const risk::ExposureOutcome outcome = risk::run_park_exposure(view, request);
    const risk::ParkExposure& park = outcome.parks.at(0);
    // R3's t supplies half of b's inputs: b and c fall to 0.5, P loses 5 of 20. R2's s is a's
    // only supplier: 0.75.
    CHECK(graph.nodes.region.dictionary[park.losses.worst_region] == "R2");
    CHECK(park.losses.worst_region_loss == Approx(0.75));
    CHECK(park.losses.anchors_network_loss == Approx(15.0 / 40.0));
    CHECK(risk::verify_park_exposure(view, request, outcome).ok());
  }
  SECTION("anchors by score") {
    risk::ExposureRequest request = exposure_request(risk::Channels::both);
    request.anchor_score = {0.0, 0.1, 0.2, 0.9, 0.0, 0.0};
    const risk::ExposureOutcome outcome = risk::run_park_exposure(view, request);
    const risk::ParkExposure& park = outcome.parks.at(0);
    CHECK(park.anchors == std::vector<NodeId>{3});
    // c stops: lost demand climbs to b, then to a and t, then to s: everything stops.
    CHECK(park.losses.anchors_loss == Approx(1.0));
    CHECK(park.losses.anchors_network_loss == Approx(1.0));
    CHECK(risk::verify_park_exposure(view, request, outcome).ok());
    // Two anchors: the ties of 5 and 5 by output do not matter with scores: c, then b.
    request.anchors_per_park = 2;
    CHECK(risk::run_park_exposure(view, request).parks.at(0).anchors == std::vector<NodeId>{3, 2});
  }
  SECTION("bad requests") {
    risk::ExposureRequest request = exposure_request(risk::Channels::both, 0);
    CHECK_THROWS_AS(risk::run_park_exposure(view, request), UsageError);
    request.anchors_per_park = 1;
    request.anchor_score = {1.0};
    CHECK_THROWS_AS(risk::run_park_exposure(view, request), UsageError);
  }
}

TEST_CASE("risk exposure does not depend on the thread count") {
  // A random supply network with four parks over six regions, some firms outside any park.
  Rng rng(21);
  const NodeId n = 240;
  std::vector<std::string> parks, regions;
  for (NodeId i = 0; i < n; ++i) {
    const auto region = rng.below(6);
    regions.push_back("R" + std::to_string(region));
    parks.push_back(rng.below(10) < 4 ? "P" + std::to_string(region % 4) : "");
  }
  NodeTable nodes = plain_nodes(n);
  nodes.park = column_of_texts(parks);
  nodes.region = column_of_texts(regions);
  std::vector<EdgeSpec> edges;
  for (int e = 0; e < 700; ++e) {
    const auto a = static_cast<NodeId>(rng.below(n)), b = static_cast<NodeId>(rng.below(n));
    if (a != b) edges.push_back({a, b, RelationType::supply, 1.0 + static_cast<double>(rng.below(9))});
  }
  const Graph graph = make_graph(n, edges, std::move(nodes));
  const GraphView view(graph);
  const risk::ExposureRequest request = exposure_request(risk::Channels::both, 2);
  const auto one = on_threads(1, [&] { return risk::run_park_exposure(view, request); });
  const auto two = on_threads(2, [&] { return risk::run_park_exposure(view, request); });
  REQUIRE(one.parks.size() == 4);
  REQUIRE(two.parks.size() == 4);
  for (std::size_t p = 0; p < 4; ++p) {
    CHECK(one.parks[p].anchors == two.parks[p].anchors);
    CHECK(one.parks[p].losses.anchors_loss == two.parks[p].losses.anchors_loss);
    CHECK(one.parks[p].losses.worst_region == two.parks[p].losses.worst_region);
    CHECK(one.parks[p].losses.worst_region_loss == two.parks[p].losses.worst_region_loss);
    CHECK(one.parks[p].linear_losses.worst_region_loss == two.parks[p].linear_losses.worst_region_loss);
  }
  const Verification check = risk::verify_park_exposure(view, request, one);
  INFO((check.violations.empty() ? std::string() : check.violations.front()));
  CHECK(check.ok());
}

}  // namespace firmnet::test
