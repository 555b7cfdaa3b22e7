// Cross-checks of every centrality measure against igraph 0.10 on several graphs: directed
// and undirected, weighted and not, with relation-type and year filters, with dangling and
// isolated nodes. Values must agree to 1e-9 relative unless stated otherwise.
#include <catch2/catch.hpp>

#include <igraph/igraph.h>

#include "algorithms/centrality/betweenness.hpp"
#include "algorithms/centrality/clustering.hpp"
#include "algorithms/centrality/constraint.hpp"
#include "algorithms/centrality/coreness.hpp"
#include "algorithms/centrality/coreness_verifier.hpp"
#include "algorithms/centrality/degree.hpp"
#include "algorithms/centrality/eigenvector.hpp"
#include "algorithms/centrality/harmonic.hpp"
#include "algorithms/centrality/hits.hpp"
#include "algorithms/centrality/pagerank.hpp"
#include "algorithms/centrality/pkc_coreness.hpp"
#include "test_support.hpp"
#include "graph/views.hpp"
#include "test_centrality_support.hpp"

using namespace firmnet;
using namespace firmnet::centrality;
using namespace firmnet::test;

namespace {

struct Case {
  std::string label;
  Adjacency adjacency;
};

// The graph set: a dense-ish heavy-tailed multigraph seen whole and through a filter
// (supply + subcontract, 2018-2020 plus undated), and a sparse one with many dangling and
// isolated nodes; each directed and undirected.
const std::vector<Case>& cases() {
  static const std::vector<Case> all = [] {
    const Graph dense = random_graph(300, 1500, 11);
    const Graph sparse = random_graph(120, 150, 5, 1.2);
    EdgeFilter filter = EdgeFilter::parse("supply,subcontract", "2018-2020");
    filter.keep_undated = true;
    std::vector<Case> out;
    for (bool directed : {true, false}) {
      const std::string d = directed ? " directed" : " undirected";
      out.push_back({"dense" + d, Adjacency::of(GraphView(dense), directed)});
      out.push_back({"dense filtered" + d, Adjacency::of(GraphView(dense, filter), directed)});
      out.push_back({"sparse" + d, Adjacency::of(GraphView(sparse), directed)});
    }
    return out;
  }();
  return all;
}

igraph_neimode_t to_igraph_mode(DegreeMode mode) {
  return mode == DegreeMode::in ? IGRAPH_IN : mode == DegreeMode::out ? IGRAPH_OUT : IGRAPH_ALL;
}

}  // namespace

TEST_CASE("filtered views keep only the chosen layers and years", "[centrality]") {
  const Graph g = make_graph(3, {{0, 1, RelationType::supply, 2.0, 2019},
                                 {0, 1, RelationType::finance, 3.0, 2019},
                                 {1, 2, RelationType::supply, 1.0, 2012},
                                 {2, 0, RelationType::supply, 4.0}});
  const Adjacency a = Adjacency::directed(GraphView(g, EdgeFilter::parse("supply", "2015-2020")));
  // 0->1 keeps only the supply edge; 1->2 is outside the years; 2->0 is undated and dropped.
  REQUIRE(a.entry_count() == 1);
  REQUIRE(a.out().weights[0] == 2.0);
  const Adjacency all = Adjacency::undirected(GraphView(g));
  REQUIRE(degree_centrality(all, DegreeMode::total, true) == std::vector<double>{9.0, 6.0, 5.0});
}

TEST_CASE("degree and strength match igraph", "[centrality]") {
  for (const auto& c : cases()) {
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    for (DegreeMode mode : {DegreeMode::in, DegreeMode::out, DegreeMode::total}) {
      igraph_vector_int_t degree;
      igraph_vector_int_init(&degree, 0);
      check_igraph(igraph_degree(ig.get(), &degree, igraph_vss_all(), to_igraph_mode(mode), false), "degree");
      std::vector<double> expected;
      for (auto d : to_std_vector(degree)) expected.push_back(static_cast<double>(d));
      igraph_vector_int_destroy(&degree);
      require_close(degree_centrality(c.adjacency, mode, false), expected);
      IgraphVector strength;
      check_igraph(igraph_strength(ig.get(), &strength.v, igraph_vss_all(), to_igraph_mode(mode), false, ig.weights()),
                   "strength");
      require_close(degree_centrality(c.adjacency, mode, true), strength.values());
    }
  }
}

TEST_CASE("PageRank matches igraph PRPACK, weighted, personalised, with dangling nodes", "[centrality]") {
  for (const auto& c : cases()) {
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    const NodeId n = c.adjacency.node_count();
    std::vector<double> personal(n);
    for (NodeId v = 0; v < n; ++v) personal[v] = (v % 7 == 0) ? 1.0 + v % 3 : 0.0;
    for (bool weighted : {false, true}) {
      for (bool personalised : {false, true}) {
        INFO("weighted " << weighted << " personalised " << personalised);
        PageRankOptions options;
        options.damping = 0.85;
        options.tolerance = 1e-15;
        options.weighted = weighted;
        if (personalised) options.personalization = personal;
        const PageRankResult ours = pagerank(c.adjacency, options);
        REQUIRE(ours.converged);
        IgraphVector expected;
        igraph_vector_t reset;
        igraph_vector_view(&reset, personal.data(), n);
        igraph_real_t value = 0;
        check_igraph(igraph_personalized_pagerank(ig.get(), IGRAPH_PAGERANK_ALGO_PRPACK, &expected.v, &value,
                                                  igraph_vss_all(), c.adjacency.is_directed(), 0.85,
                                                  personalised ? &reset : nullptr,
                                                  weighted ? ig.weights() : nullptr, nullptr),
                     "personalized_pagerank");
        require_close(ours.scores, expected.values());
      }
    }
  }
}

TEST_CASE("PageRank iteration limit and tolerance are honoured", "[centrality]") {
  const Adjacency a = cases()[0].adjacency;
  PageRankOptions options;
  options.max_iterations = 3;
  const PageRankResult limited = pagerank(a, options);
  REQUIRE(limited.iterations == 3);
  REQUIRE_FALSE(limited.converged);
  options.max_iterations = 1000;
  options.tolerance = 1e-6;
  const PageRankResult loose = pagerank(a, options);
  REQUIRE(loose.converged);
  REQUIRE(loose.last_change < 1e-6);
  double sum = 0.0;
  for (double x : loose.scores) sum += x;
  REQUIRE(sum == Approx(1.0).epsilon(1e-12));
}

TEST_CASE("exact betweenness matches igraph", "[centrality]") {
  for (const auto& c : cases()) {
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    for (bool weighted : {false, true}) {
      INFO("weighted " << weighted);
      BetweennessOptions options;
      options.weighted = weighted;
      const BetweennessResult ours = betweenness(c.adjacency, options);
      IgraphVector expected;
      check_igraph(igraph_betweenness(ig.get(), &expected.v, igraph_vss_all(), c.adjacency.is_directed(),
                                      weighted ? ig.weights() : nullptr),
                   "betweenness");
      require_close(ours.scores, expected.values());
      REQUIRE(ours.sources == c.adjacency.node_count());
    }
  }
}

TEST_CASE("harmonic closeness matches igraph", "[centrality]") {
  for (const auto& c : cases()) {
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    for (bool weighted : {false, true}) {
      for (bool use_in : {false, true}) {
        INFO("weighted " << weighted << " in " << use_in);
        HarmonicOptions options;
        options.weighted = weighted;
        options.use_in_edges = use_in;
        options.normalized = true;
        IgraphVector expected;
        check_igraph(igraph_harmonic_centrality(ig.get(), &expected.v, igraph_vss_all(), use_in ? IGRAPH_IN : IGRAPH_OUT,
                                                weighted ? ig.weights() : nullptr, true),
                     "harmonic_centrality");
        require_close(harmonic_closeness(c.adjacency, options), expected.values());
      }
    }
  }
}

TEST_CASE("eigenvector centrality and HITS match igraph", "[centrality]") {
  // Spectral measures are compared where the leading eigenvector is unique: a connected
  // undirected graph and a strongly connected directed one.
  const Graph g = random_graph(200, 1200, 23, 0.8, true);
  for (bool directed : {true, false}) {
    const Adjacency a = Adjacency::of(GraphView(g), directed);
    IgraphGraph ig = to_igraph(a);
    for (bool weighted : {false, true}) {
      INFO("directed " << directed << " weighted " << weighted);
      SpectralOptions options;
      options.weighted = weighted;
      options.tolerance = 1e-14;
      const EigenvectorResult ours = eigenvector_centrality(a, options);
      REQUIRE(ours.converged);
      IgraphVector expected;
      igraph_real_t value = 0;
      check_igraph(igraph_eigenvector_centrality(ig.get(), &expected.v, &value, directed, true,
                                                 weighted ? ig.weights() : nullptr, nullptr),
                   "eigenvector_centrality");
      require_close(ours.scores, expected.values());
      REQUIRE(ours.eigenvalue == Approx(value).epsilon(1e-9));
      if (!directed) continue;
      const HitsResult h = hits(a, options);
      REQUIRE(h.converged);
      IgraphVector hubs, authorities;
      check_igraph(igraph_hub_and_authority_scores(ig.get(), &hubs.v, &authorities.v, &value, true,
                                                   weighted ? ig.weights() : nullptr, nullptr),
                   "hub_and_authority_scores");
      require_close(h.hubs, hubs.values());
      require_close(h.authorities, authorities.values());
      REQUIRE(h.eigenvalue == Approx(value).epsilon(1e-9));
    }
  }
}

TEST_CASE("coreness matches igraph (total, in, out)", "[centrality]") {
  for (const auto& c : cases()) {
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    for (DegreeMode mode : {DegreeMode::in, DegreeMode::out, DegreeMode::total}) {
      if (!c.adjacency.is_directed() && mode != DegreeMode::total) continue;
      if (c.adjacency.is_directed() && mode == DegreeMode::total) continue;
      igraph_vector_int_t cores;
      igraph_vector_int_init(&cores, 0);
      check_igraph(igraph_coreness(ig.get(), &cores, to_igraph_mode(mode)), "coreness");
      const auto expected = to_std_vector(cores);
      igraph_vector_int_destroy(&cores);
      REQUIRE(coreness(c.adjacency, mode) == expected);
    }
  }
}

TEST_CASE("local clustering matches igraph", "[centrality]") {
  for (const auto& c : cases()) {
    INFO(c.label);
    // A directed adjacency is read as its undirected projection (out- plus in-rows).
    const Adjacency& undirected = c.adjacency;
    IgraphGraph ig = to_igraph(undirected);
    igraph_t simple;
    igraph_copy(&simple, ig.get());
    igraph_to_undirected(&simple, IGRAPH_TO_UNDIRECTED_COLLAPSE, nullptr);
    IgraphVector expected;
    check_igraph(igraph_transitivity_local_undirected(&simple, &expected.v, igraph_vss_all(), IGRAPH_TRANSITIVITY_ZERO),
                 "transitivity_local_undirected");
    igraph_destroy(&simple);
    require_close(local_clustering(undirected).coefficient, expected.values());
  }
}

TEST_CASE("Burt's constraint matches igraph", "[centrality]") {
  for (const auto& c : cases()) {
    if (c.adjacency.is_directed()) continue;
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    for (bool weighted : {false, true}) {
      IgraphVector expected;
      check_igraph(igraph_constraint(ig.get(), &expected.v, igraph_vss_all(), weighted ? ig.weights() : nullptr),
                   "constraint");
      require_close(burt_constraint(c.adjacency, weighted), expected.values());
    }
  }
}

TEST_CASE("PKC coreness matches igraph and Batagelj-Zaversnik on 1 and 2 threads", "[centrality]") {
  // The test graphs plus larger heavy-tailed ones (hubs; 15 peeling levels undirected) where the
  // two threads contend for the same hubs' degrees.
  std::vector<Case> graphs = cases();
  for (std::uint64_t seed : {3, 4}) {
    const Graph g = random_graph(4000, 60000, seed, 1.0);
    graphs.push_back({"heavy-tailed directed " + std::to_string(seed), Adjacency::directed(GraphView(g))});
    graphs.push_back({"heavy-tailed undirected " + std::to_string(seed), Adjacency::undirected(GraphView(g))});
  }
  for (const auto& c : graphs) {
    INFO(c.label);
    IgraphGraph ig = to_igraph(c.adjacency);
    for (DegreeMode mode : {DegreeMode::in, DegreeMode::out, DegreeMode::total}) {
      INFO("mode " << static_cast<int>(mode));
      const auto serial = batagelj_zaversnik_coreness(c.adjacency, mode);
      for (int threads : {1, 2}) {
        INFO(threads << " threads");
        REQUIRE(on_threads(threads, [&] { return pkc_coreness(c.adjacency, mode); }) == serial);
      }
      REQUIRE(coreness(c.adjacency, mode) == serial);
      REQUIRE(verify_coreness(c.adjacency, mode, serial).ok());
      if (c.adjacency.is_directed() == (mode == DegreeMode::total)) continue;  // igraph's ALL counts in + out
      igraph_vector_int_t cores;
      igraph_vector_int_init(&cores, 0);
      check_igraph(igraph_coreness(ig.get(), &cores, to_igraph_mode(mode)), "coreness");
      const auto expected = to_std_vector(cores);
      igraph_vector_int_destroy(&cores);
      REQUIRE(serial == expected);
      if (c.label.rfind("heavy-tailed undirected", 0) == 0) REQUIRE(*std::max_element(serial.begin(), serial.end()) == 15);
    }
  }
}
