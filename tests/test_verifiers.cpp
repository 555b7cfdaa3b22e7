// The verifiers beside the main kernels (algorithms/*/*_verifier.hpp): each passes on real
// outcomes from Zachary's karate club (datasets/karate), a generated scenario region and an
// LFR benchmark graph, and fails on a deliberately corrupted outcome, so that it is shown able
// to fail.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "algorithms/anchors/guimera_amaral_verifier.hpp"
#include "algorithms/anchors/supply_dependency_verifier.hpp"
#include "algorithms/anchors/supply_flow.hpp"
#include "algorithms/centrality/betweenness_verifier.hpp"
#include "algorithms/centrality/coreness_verifier.hpp"
#include "algorithms/centrality/degree_verifier.hpp"
#include "algorithms/centrality/pagerank_verifier.hpp"
#include "algorithms/community/leiden_verifier.hpp"
#include "algorithms/community/modularity.hpp"
#include "algorithms/community/partition_comparison_verifier.hpp"
#include "algorithms/spatial/concentration_verifier.hpp"
#include "algorithms/spatial/linkage_null_verifier.hpp"
#include "algorithms/spatial/park_verdicts.hpp"
#include "algorithms/spatial/park_verdicts_verifier.hpp"
#include "datasets/generators/lfr.hpp"
#include "datasets/generators/scenario.hpp"
#include "graph/errors.hpp"
#include "io/csv_import.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::anchors;
using namespace firmnet::centrality;

namespace {

struct NamedGraph {
  std::string name;
  Graph graph;
};

Graph karate_graph() {
  return import_csv(test::source_file("datasets/karate/nodes.csv"), test::source_file("datasets/karate/edges.csv"), {})
      .graph;
}

/// A scenario region of about 800 nodes: every planted park type, half the default size.
Graph scenario_graph() {
  generators::ScenarioParameters p;
  p.firms_per_park = 60;
  p.town_firms = 200;
  return generators::generate_scenario(p).graph;
}

Graph lfr_graph(bool directed) {
  generators::LfrParameters p;
  p.nodes = 600;
  p.average_degree = 12;
  p.max_degree = 40;
  p.directed = directed;
  p.seed = 3;
  return generators::generate_lfr(p).graph;
}

/// The three graphs every network verifier runs on, built once.
const std::vector<NamedGraph>& graphs() {
  static const std::vector<NamedGraph> all = [] {
    std::vector<NamedGraph> g;
    g.push_back({"karate", karate_graph()});
    g.push_back({"scenario", scenario_graph()});
    g.push_back({"lfr", lfr_graph(false)});
    return g;
  }();
  return all;
}

const Graph& scenario() { return graphs()[1].graph; }

/// True when some violation contains `text`.
bool mentions(const Verification& v, const std::string& text) {
  return std::any_of(v.violations.begin(), v.violations.end(),
                     [&](const std::string& s) { return s.find(text) != std::string::npos; });
}

std::string listed(const Verification& v) {
  std::string text;
  for (const auto& s : v.violations) text += s + "\n";
  return text;
}

}  // namespace

TEST_CASE("verification keeps the first violations and counts the rest", "[verifiers]") {
  Verification v;
  CHECK(v.ok());
  for (std::size_t i = 0; i < Verification::kMaxKept + 3; ++i) v.fail("violation " + std::to_string(i));
  CHECK_FALSE(v.ok());
  CHECK(v.violations.size() == Verification::kMaxKept);
  CHECK(v.omitted == 3);
  Verification close;
  close.expect_close("x", 1.0, 1.0 + 1e-13, 1e-12);
  close.expect_close("nan", std::nan(""), std::nan(""), 1e-12);
  CHECK(close.ok());
  close.expect_close("y", 1.0, 1.0 + 1e-11, 1e-12);
  REQUIRE(close.violations.size() == 1);
  CHECK(close.violations[0] == "y: reported 1, recomputed 1.00000000001");
  const std::vector<NodeId> sample = sample_nodes(100, 10, 7);
  CHECK(sample.size() == 10);
  CHECK(std::adjacent_find(sample.begin(), sample.end(), std::greater_equal<>()) == sample.end());
  CHECK(sample_nodes(5, 10, 7) == std::vector<NodeId>{0, 1, 2, 3, 4});
}

TEST_CASE("Leiden verifier passes real partitions and catches corrupted ones", "[verifiers][community]") {
  for (const auto& [name, graph] : graphs()) {
    INFO(name);
    const WeightedCsr csr = undirected_projection(GraphView(graph));
    community::LeidenOptions modularity;
    community::LeidenOptions cpm;
    cpm.objective = community::Objective::cpm;
    cpm.resolution = 0.05;
    community::LeidenOptions louvain;
    louvain.refine = false;
    for (const auto& options : {modularity, cpm, louvain}) {
      const community::LeidenResult result = community::leiden(csr, options);
      const Verification v = community::verify_leiden(csr, options, result);
      INFO(listed(v));
      CHECK(v.ok());
    }

    const community::LeidenResult result = community::leiden(csr, modularity);
    // A node moved into a community it has no link to splits that community.
    community::LeidenResult split = result;
    NodeId moved = 0;
    std::int64_t target = -1;
    for (NodeId u = 0; u < csr.node_count() && target < 0; ++u)
      for (std::int64_t c = 0; c < result.community_count && target < 0; ++c) {
        bool linked = c == result.membership[u];
        for (EdgeId e = csr.offsets[u]; e < csr.offsets[u + 1]; ++e) linked |= result.membership[csr.targets[e]] == c;
        if (!linked) {
          moved = u;
          target = c;
        }
      }
    REQUIRE(target >= 0);
    split.membership[moved] = target;
    const Verification v = community::verify_leiden(csr, modularity, split);
    CHECK(mentions(v, "community " + std::to_string(target) + " is disconnected"));
    CHECK(mentions(v, "modularity: reported"));

    community::LeidenResult misreported = result;
    misreported.quality += 1e-6;
    const Verification q = community::verify_leiden(csr, modularity, misreported);
    REQUIRE(q.violations.size() == 1);
    CHECK(mentions(q, "modularity: reported"));

    // A node moved to a neighbouring community, with the quality restated honestly: only the
    // single-move check can object.
    community::LeidenResult worse = result;
    for (NodeId u = 0; u < csr.node_count(); ++u) {
      const EdgeId e = csr.offsets[u];
      if (e < csr.offsets[u + 1] && result.membership[csr.targets[e]] != result.membership[u]) {
        worse.membership[u] = result.membership[csr.targets[e]];
        break;
      }
    }
    worse.community_count = community::canonical_relabel(worse.membership);
    worse.quality = community::modularity(csr, worse.membership);
    CHECK(mentions(community::verify_leiden(csr, modularity, worse), "raises the quality by"));
  }
}

TEST_CASE("partition comparison verifier recomputes NMI, ARI and VI", "[verifiers][community]") {
  for (const auto& [name, graph] : graphs()) {
    INFO(name);
    const WeightedCsr csr = undirected_projection(GraphView(graph));
    community::LeidenOptions a, b;
    b.seed = 2;
    b.resolution = 1.5;
    community::Membership x = community::leiden(csr, a).membership, y = community::leiden(csr, b).membership;
    y[0] = -1;  // a missing label is left out
    const community::PartitionComparison cmp = community::compare_partitions(x, y);
    const Verification v = community::verify_partition_comparison(x, y, cmp);
    INFO(listed(v));
    CHECK(v.ok());
    community::PartitionComparison wrong = cmp;
    wrong.ari += 1e-10;
    CHECK(mentions(community::verify_partition_comparison(x, y, wrong), "ARI"));
    wrong = cmp;
    wrong.nodes_compared += 1;
    CHECK(mentions(community::verify_partition_comparison(x, y, wrong), "nodes_compared"));
  }
}

TEST_CASE("null replicate verifier checks degrees per stratum and stored samples", "[verifiers][parks]") {
  const Graph& g = scenario();
  const GraphView view(g);
  const spatial::SpatialUnits units = spatial::units_from_column(g, g.nodes.park, "park");
  for (spatial::NullKind kind : {spatial::NullKind::degree, spatial::NullKind::distance, spatial::NullKind::region,
                                 spatial::NullKind::industry}) {
    INFO(spatial::null_kind_name(kind));
    spatial::NullOptions options;
    options.kind = kind;
    options.replicates = 5;
    options.burn_in_swaps = 2;
    options.chains = 2;
    const spatial::NullDistribution null = spatial::sample_null(view, units.unit_of, units.count(), options);
    for (int r = 0; r < options.replicates; ++r) {
      const std::vector<spatial::RewiredEdge> edges = spatial::rewired_edges(view, units.unit_of, options, r);
      const Verification v = spatial::verify_null_replicate(view, units.unit_of, options, null, r, edges);
      INFO("replicate " << r << "\n" << listed(v));
      CHECK(v.ok());
    }
    CHECK_THROWS_AS(spatial::rewired_edges(view, units.unit_of, options, options.replicates), UsageError);
    std::vector<spatial::RewiredEdge> edges = spatial::rewired_edges(view, units.unit_of, options, 3);
    // A target moved to another node breaks two nodes' in-degrees (and perhaps a count).
    std::vector<spatial::RewiredEdge> moved = edges;
    moved[0].target = moved[0].target == moved[1].target ? moved[2].target : moved[1].target;
    CHECK(mentions(spatial::verify_null_replicate(view, units.unit_of, options, null, 3, moved), "in-degree"));
    // The edge list of another replicate does not give this replicate's counts.
    spatial::NullDistribution changed = null;
    ++changed.samples[3][0];
    CHECK(mentions(spatial::verify_null_replicate(view, units.unit_of, options, changed, 3, edges), "stored sample"));
    edges[5].target = edges[5].source;
    CHECK(mentions(spatial::verify_null_replicate(view, units.unit_of, options, null, 3, edges), "self-loop"));
  }
}

TEST_CASE("park evidence verifier recounts links per unit", "[verifiers][parks]") {
  const Graph& g = scenario();
  community::LeidenOptions leiden;
  const community::Membership membership = community::leiden(undirected_projection(GraphView(g)), leiden).membership;
  for (const std::string unit : {"park", "region"}) {
    INFO(unit);
    spatial::ParkRequest request;
    request.unit = unit;
    request.null.replicates = 9;
    const GraphView view(g);
    const spatial::ParkOutcome report = spatial::run_parks(view, request, &membership);
    const Verification v = spatial::verify_park_verdicts(view, report);
    INFO(listed(v));
    CHECK(v.ok());
    spatial::ParkOutcome wrong = report;
    ++wrong.reports[0].internal_links;
    CHECK(mentions(spatial::verify_park_verdicts(view, wrong), "internal links: reported"));
    wrong = report;
    wrong.reports[0].share_external += 0.01;
    CHECK(mentions(spatial::verify_park_verdicts(view, wrong), "external share"));
    wrong = report;
    const auto mixed = std::find_if(wrong.reports.begin(), wrong.reports.end(), [](const spatial::UnitReport& r) {
      return r.vertical_links != r.horizontal_links;
    });
    REQUIRE(mixed != wrong.reports.end());
    std::swap(mixed->vertical_links, mixed->horizontal_links);
    CHECK(mentions(spatial::verify_park_verdicts(view, wrong), "vertical links"));
  }
  // Only supply links: the filter is respected.
  spatial::ParkRequest request;
  request.null.replicates = 9;
  const GraphView supply(g, EdgeFilter::parse("supply", ""));
  const spatial::ParkOutcome report = spatial::run_parks(supply, request, nullptr);
  CHECK(spatial::verify_park_verdicts(supply, report).ok());
  CHECK(mentions(spatial::verify_park_verdicts(GraphView(g), report), "link ends"));
}

TEST_CASE("centrality verifiers pass real scores and catch corrupted ones", "[verifiers][centrality]") {
  for (const auto& [name, graph] : graphs()) {
    for (bool directed : {true, false}) {
      INFO(name << (directed ? " directed" : " undirected"));
      const GraphView view(graph);
      const Adjacency adjacency = Adjacency::of(view, directed);
      const NodeId n = adjacency.node_count();

      for (bool weighted : {true, false}) {
        PageRankOptions options;
        options.weighted = weighted;
        const PageRankResult pr = pagerank(adjacency, options);
        const Verification v = centrality::verify_pagerank(adjacency, options, pr);
        INFO(listed(v));
        CHECK(v.ok());
        PageRankResult shifted = pr;  // mass moved between two nodes: the sum stays 1
        shifted.scores[0] += 1e-6;
        shifted.scores[n - 1] -= 1e-6;
        CHECK(mentions(centrality::verify_pagerank(adjacency, options, shifted), "not a fixed point"));
        PageRankResult scaled = pr;
        scaled.scores[1] *= 1.01;
        CHECK(mentions(centrality::verify_pagerank(adjacency, options, scaled), "sum of PageRank scores"));
      }

      for (DegreeMode mode : {DegreeMode::in, DegreeMode::out, DegreeMode::total}) {
        std::vector<std::int64_t> cores = coreness(adjacency, mode);
        const Verification v = centrality::verify_coreness(adjacency, mode, cores);
        INFO(listed(v));
        CHECK(v.ok());
        const auto top = std::max_element(cores.begin(), cores.end()) - cores.begin();
        ++cores[static_cast<std::size_t>(top)];
        CHECK(mentions(centrality::verify_coreness(adjacency, mode, cores), "peeling gives"));
        // All zeros pass the local test; only the peeling tells them from true cores (of a
        // directed acyclic graph, such as karate's edges stored low id -> high id, all are 0).
        --cores[static_cast<std::size_t>(top)];
        if (cores[static_cast<std::size_t>(top)] > 0) {
          std::fill(cores.begin(), cores.end(), 0);
          const Verification zeros = centrality::verify_coreness(adjacency, mode, cores);
          CHECK_FALSE(mentions(zeros, "neighbours of coreness"));
          CHECK(mentions(zeros, "peeling gives"));
        }
      }

      // O(n m) each: the corrupted and normalised variants run on karate only.
      for (bool normalized : {false, true}) {
        if (normalized && name != "karate") continue;
        BetweennessOptions options;
        options.normalized = normalized;
        BetweennessResult bc = betweenness(adjacency, options);
        const Verification v = centrality::verify_betweenness(adjacency, options, bc);
        INFO(listed(v));
        CHECK(v.ok());
        CHECK(v.notes.empty());
        if (name != "karate") continue;
        const auto top = std::max_element(bc.scores.begin(), bc.scores.end()) - bc.scores.begin();
        bc.scores[static_cast<std::size_t>(top)] *= 1 + 1e-6;
        CHECK(mentions(centrality::verify_betweenness(adjacency, options, bc), "betweenness of node"));
        const Verification skipped = centrality::verify_betweenness(adjacency, options, bc, 10);
        CHECK(skipped.ok());
        CHECK(skipped.notes.size() == 1);
      }

      for (bool weighted : {false, true})
        for (DegreeMode mode : {DegreeMode::in, DegreeMode::out, DegreeMode::total}) {
          std::vector<double> degree = degree_centrality(adjacency, mode, weighted);
          const Verification v = centrality::verify_degree(view, directed, mode, weighted, degree);
          INFO(listed(v));
          CHECK(v.ok());
          degree[n / 2] += 1;
          CHECK(mentions(centrality::verify_degree(view, directed, mode, weighted, degree), "of node"));
        }
    }
  }
}

TEST_CASE("supply dominator verifier passes real trees and catches corrupted ones", "[verifiers][anchors]") {
  const Graph directed_lfr = lfr_graph(true);
  const std::vector<std::pair<std::string, Adjacency>> flows = {
      {"scenario", supply_flow(GraphView(scenario(), supply_layers()))},
      {"karate", supply_flow(GraphView(graphs()[0].graph))},
      {"directed lfr", supply_flow(GraphView(directed_lfr))},
  };
  for (const auto& [name, flow] : flows) {
    INFO(name);
    const SupplyDependency result = supply_dependency(flow);
    const Verification v = anchors::verify_supply_dependency(flow, result);
    INFO(listed(v));
    CHECK(v.ok());

    // A firm re-hung from its immediate dominator to the virtual root.
    NodeId hung = 0;
    while (hung < flow.node_count() && result.immediate_dominator[hung] == kVirtualRoot) ++hung;
    if (hung == flow.node_count()) continue;
    SupplyDependency rehung = result;
    rehung.immediate_dominator[hung] = kVirtualRoot;
    CHECK(mentions(anchors::verify_supply_dependency(flow, rehung, flow.node_count()),
                   "the reported immediate dominator the virtual root"));
    // A firm hung from a root-fed firm that does not lie on its supply paths.
    NodeId stranger = 0;
    while (!result.fed_by_root[stranger] || static_cast<std::int64_t>(stranger) == result.immediate_dominator[hung])
      ++stranger;
    SupplyDependency moved = result;
    moved.immediate_dominator[hung] = stranger;
    const Verification m = anchors::verify_supply_dependency(flow, moved, flow.node_count());
    INFO(listed(m));
    CHECK_FALSE(m.ok());
    SupplyDependency recounted = result;
    ++recounted.dominated[static_cast<std::size_t>(result.immediate_dominator[hung])];
    CHECK(mentions(anchors::verify_supply_dependency(flow, recounted), "tree children account for"));
  }
  // Every firm fed by the root: the tree is flat and each check of dominance objects.
  const Adjacency& flow = flows[0].second;
  SupplyDependency flat = supply_dependency(flow);
  std::fill(flat.fed_by_root.begin(), flat.fed_by_root.end(), 1);
  CHECK(mentions(anchors::verify_supply_dependency(flow, flat), "not in one strongly connected component"));
}

TEST_CASE("Guimera-Amaral verifier recomputes z and P", "[verifiers][anchors]") {
  for (const auto& [name, graph] : graphs()) {
    INFO(name);
    const Adjacency adjacency = Adjacency::undirected(GraphView(graph));
    community::Membership membership = community::leiden(adjacency.out(), {}).membership;
    membership[1] = -1;  // a node outside every module
    for (bool weighted : {false, true}) {
      const ModuleRoles roles = guimera_amaral_roles(adjacency, membership, weighted);
      const Verification v = anchors::verify_guimera_amaral(adjacency, membership, weighted, roles);
      INFO(listed(v));
      CHECK(v.ok());
      ModuleRoles wrong = roles;
      wrong.z[0] += 0.01;
      CHECK(mentions(anchors::verify_guimera_amaral(adjacency, membership, weighted, wrong), "z of node 0"));
      wrong = roles;
      wrong.participation[2] += 0.01;
      CHECK(mentions(anchors::verify_guimera_amaral(adjacency, membership, weighted, wrong), "participation of node 2"));
      wrong = roles;
      wrong.role[1] = 2;
      CHECK(mentions(anchors::verify_guimera_amaral(adjacency, membership, weighted, wrong), "has no module"));
    }
  }
}

TEST_CASE("concentration verifier recomputes LQ and Ellison-Glaeser gamma", "[verifiers][concentration]") {
  const NodeTable& nodes = scenario().nodes;
  for (spatial::SpatialUnit unit : {spatial::SpatialUnit::region, spatial::SpatialUnit::park})
    for (spatial::SizeMeasure measure : {spatial::SizeMeasure::automatic, spatial::SizeMeasure::firm_count})
      for (int level : {0, 2}) {
        INFO(spatial::spatial_unit_name(unit) << " " << spatial::size_measure_name(measure) << " level " << level);
        spatial::ConcentrationRequest request;
        request.unit = unit;
        request.measure = measure;
        request.industry_level = level;
        const spatial::ConcentrationOutcome report = spatial::run_concentration(GraphView(scenario()), request);
        const Verification v = spatial::verify_concentration(nodes, report);
        INFO(listed(v));
        CHECK(v.ok());
        spatial::ConcentrationOutcome wrong = report;
        wrong.location_quotient[0] *= 1.001;
        CHECK(mentions(spatial::verify_concentration(nodes, wrong), "LQ of cell"));
        wrong = report;
        const auto defined = std::find_if(wrong.ellison_glaeser.begin(), wrong.ellison_glaeser.end(),
                                          [](const spatial::EllisonGlaeser& eg) { return !std::isnan(eg.gamma); });
        REQUIRE(defined != wrong.ellison_glaeser.end());
        defined->gamma += 0.001;
        CHECK(mentions(spatial::verify_concentration(nodes, wrong), "gamma of"));
        wrong = report;
        ++wrong.data.cell_firms.back();
        CHECK(mentions(spatial::verify_concentration(nodes, wrong), "firms: reported"));
      }
}
