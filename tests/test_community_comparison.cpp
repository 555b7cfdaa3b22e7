// Partition comparison against igraph_compare_communities, community statistics, stability,
// the resolution scan and the igraph-backed methods.
#include <catch2/catch.hpp>

#include "algorithms/community/community_detection.hpp"
#include "algorithms/community/community_stats.hpp"
#include "algorithms/community/igraph_methods.hpp"
#include "algorithms/community/modularity.hpp"
#include "algorithms/community/partition_comparison.hpp"
#include "algorithms/community/resolution_scan.hpp"
#include "algorithms/community/stability.hpp"
#include "algorithms/igraph_adapter.hpp"
#include "test_centrality_support.hpp"
#include "test_community_graphs.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::community;
using namespace firmnet::community::testing;
using firmnet::test::on_threads;

namespace {

double igraph_compare(const Membership& a, const Membership& b, igraph_community_comparison_t method) {
  IgraphMembership ia(a), ib(b);
  igraph_real_t value = 0;
  check_igraph(igraph_compare_communities(&ia.v, &ib.v, &value, method), "compare_communities");
  return value;
}

}  // namespace

TEST_CASE("NMI, ARI and VI equal igraph_compare_communities on random partitions", "[community]") {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 40; ++trial) {
    const std::size_t n = 2 + rng() % 500;
    const std::int64_t ka = 1 + static_cast<std::int64_t>(rng() % 30), kb = 1 + static_cast<std::int64_t>(rng() % 30);
    Membership a(n), b(n);
    for (std::size_t i = 0; i < n; ++i) {
      a[i] = static_cast<std::int64_t>(rng() % ka);
      // b follows a for part of the nodes, so the pairs range from unrelated to identical.
      b[i] = rng() % 4 < static_cast<unsigned>(trial % 5) ? a[i] : static_cast<std::int64_t>(rng() % kb);
    }
    const PartitionComparison c = compare_partitions(a, b);
    INFO("trial " << trial << " n " << n);
    CHECK(c.nmi == Approx(igraph_compare(a, b, IGRAPH_COMMCMP_NMI)).margin(1e-9));
    CHECK(c.vi == Approx(igraph_compare(a, b, IGRAPH_COMMCMP_VI)).margin(1e-9));
    const double ari = igraph_compare(a, b, IGRAPH_COMMCMP_ADJUSTED_RAND);
    if (std::isfinite(ari)) CHECK(c.ari == Approx(ari).margin(1e-9));
    CHECK(c.nodes_compared == static_cast<std::int64_t>(n));
  }
  SECTION("identical and label-permuted partitions") {
    const Membership a = {0, 0, 1, 1, 2, 2, 2}, b = {5, 5, 3, 3, 9, 9, 9};
    const PartitionComparison c = compare_partitions(a, b);
    CHECK(c.nmi == Approx(1.0));
    CHECK(c.ari == Approx(1.0));
    CHECK(c.vi == Approx(0.0).margin(1e-12));
  }
  SECTION("missing labels are left out") {
    const Membership a = {0, 0, 1, 1, -1, 2}, b = {1, 1, 0, 0, 0, -1};
    const PartitionComparison c = compare_partitions(a, b);
    CHECK(c.nodes_compared == 4);
    CHECK(c.nmi == Approx(1.0));
    CHECK_THROWS(compare_partitions(Membership{0, 1}, Membership{0}));
  }
}

TEST_CASE("Community statistics match hand-computed values", "[community]") {
  // Two triangles joined by one edge of weight 2; triangle edges weight 1.
  EdgeListGraph g;
  g.n = 6;
  g.edges = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}};
  g.weights = {1, 1, 1, 1, 1, 1, 2};
  const CommunityStats s = community_stats(symmetric_csr(g), Membership{0, 0, 0, 1, 1, 1});
  REQUIRE(s.size.size() == 2);
  CHECK(s.size[0] == 3);
  CHECK(s.internal_weight[0] == Approx(3.0));
  CHECK(s.volume[0] == Approx(8.0));  // strengths 2 + 2 + 4
  CHECK(s.cut[0] == Approx(2.0));
  CHECK(s.density[0] == Approx(1.0));
  CHECK(s.conductance[0] == Approx(2.0 / 8.0));
  CHECK(s.coverage == Approx(6.0 / 8.0));
  const CommunityStats whole = community_stats(symmetric_csr(g), Membership(6, 0));
  CHECK(whole.conductance[0] == 0.0);
  CHECK(whole.coverage == Approx(1.0));
  // Unweighted: 7 adjacent pairs of 15, although the weights sum to 8.
  CHECK(whole.density[0] == Approx(7.0 / 15.0));
}

TEST_CASE("Stability: pairwise NMI and consensus shares", "[community]") {
  const Membership ref = {0, 0, 0, 0, 1, 1, 1, 1};
  const Membership same = {3, 3, 3, 3, 2, 2, 2, 2};
  const Membership moved = {0, 0, 0, 1, 1, 1, 1, 1};  // node 3 changed side
  const StabilitySummary s = stability_summary({ref, same, moved}, 0);
  const double expected_nmi = (1.0 + normalized_mutual_information(ref, moved) * 2) / 3;
  CHECK(s.mean_pairwise_nmi == Approx(expected_nmi));
  // Node 3: with 3 others in run "same", 0 in run "moved" -> (1 + 0) / 2.
  CHECK(s.consensus_share[3] == Approx(0.5));
  // Node 0: 3/3 in "same", 2/3 in "moved".
  CHECK(s.consensus_share[0] == Approx((1.0 + 2.0 / 3) / 2));
  // Node 4: 3/3 and 3/3 (node 3 joining does not matter).
  CHECK(s.consensus_share[4] == Approx(1.0));
  const std::vector<double> per = mean_by_community(ref, s.consensus_share);
  CHECK(per[1] == Approx(1.0));
  CHECK(stability_summary({ref}, 0).mean_pairwise_nmi == 1.0);
}

TEST_CASE("Resolution scan: more communities at higher resolution", "[community]") {
  const EdgeListGraph g = planted_partition(600, 6, 0.15, 0.01, 8);
  const WeightedCsr csr = symmetric_csr(g);
  const std::vector<double> grid = resolution_grid(0.05, 20.0, 5, true);
  REQUIRE(grid.size() == 5);
  CHECK(grid.front() == Approx(0.05));
  CHECK(grid.back() == Approx(20.0));
  const std::vector<ScanPoint> points = resolution_scan(csr, LeidenOptions{}, grid);
  CHECK(points.front().communities <= 2);
  CHECK(points.back().communities > 6);
  for (std::size_t i = 1; i < points.size(); ++i) CHECK(points[i].communities >= points[i - 1].communities);
  // gamma = 1 lies inside the grid's plateau at the planted 6 blocks.
  CHECK(resolution_scan(csr, LeidenOptions{}, {1.0}).front().communities == 6);
  CHECK_THROWS(resolution_grid(1, 0.5, 3, false));
  CHECK_THROWS(resolution_grid(0, 1, 3, true));
}

TEST_CASE("igraph-backed methods recover planted communities", "[community]") {
  const EdgeListGraph g = planted_partition(400, 4, 0.2, 0.005, 13, true);
  const WeightedCsr sym = symmetric_csr(g);
  CHECK(normalized_mutual_information(label_propagation(sym, 1), g.truth) >= 0.95);
  CHECK(normalized_mutual_information(walktrap(sym, 4), g.truth) >= 0.99);
  CHECK(normalized_mutual_information(fast_greedy(sym), g.truth) >= 0.95);
  CHECK(normalized_mutual_information(igraph_leiden(sym, Objective::modularity, 1.0, -1, 1), g.truth) >= 0.99);
  double codelength = 0;
  // Both directions present: flows circulate inside the blocks.
  CHECK(normalized_mutual_information(infomap(sym, 3, 1, &codelength), g.truth) >= 0.99);
  CHECK(codelength > 0);
  // Same seed, same result.
  CHECK(label_propagation(sym, 7) == label_propagation(sym, 7));
  // igraph's Leiden with CPM and ours agree on the planted split.
  const Membership cpm = igraph_leiden(sym, Objective::cpm, 0.05, -1, 2);
  CHECK(normalized_mutual_information(cpm, g.truth) >= 0.99);
}

TEST_CASE("Infomap follows directed flows", "[community]") {
  // Two directed 5-cycles joined by one arc: flow stays inside each cycle.
  EdgeListGraph g;
  g.n = 10;
  for (NodeId base : {0u, 5u})
    for (NodeId i = 0; i < 5; ++i) g.edges.emplace_back(base + i, base + (i + 1) % 5);
  g.edges.emplace_back(0, 5);
  const Membership m = infomap(directed_csr_of(g), 5, 1);
  CHECK(m[0] == m[4]);
  CHECK(m[5] == m[9]);
  CHECK(m[0] != m[5]);
}

TEST_CASE("Leiden and Louvain runs are each those of the leiden kernel on 1 to 3 threads", "[community][threads]") {
  // Several runs go one per thread (community_detection.cpp); each run must still be the
  // kernel's own result for its seed, and the best run, quality and stability must not
  // depend on how runs were spread over threads.
  const EdgeListGraph planted = lfr_like(3000, 0.45, 17);
  std::vector<firmnet::test::EdgeSpec> specs;
  for (std::size_t i = 0; i < planted.edges.size(); ++i)
    specs.push_back({planted.edges[i].first, planted.edges[i].second});
  const Graph graph = firmnet::test::make_graph(planted.n, specs);
  const WeightedCsr symmetric = undirected_projection(GraphView(graph));
  for (const Method method : {Method::leiden, Method::louvain}) {
    CommunityRequest request;
    request.method = method;
    request.runs = 5;
    request.seed = 40;
    std::vector<double> kernel_quality;
    for (int run = 0; run < request.runs; ++run) {
      LeidenOptions options;
      options.refine = method == Method::leiden;
      options.seed = request.seed + static_cast<std::uint64_t>(run);
      kernel_quality.push_back(on_threads(1, [&] { return leiden(symmetric, options); }).quality);
    }
    const auto best = static_cast<std::size_t>(std::max_element(kernel_quality.begin(), kernel_quality.end()) -
                                               kernel_quality.begin());
    // The runs must differ, or the best-run choice would not be tested.
    REQUIRE(*std::min_element(kernel_quality.begin(), kernel_quality.end()) < kernel_quality[best]);
    const CommunityOutcome serial = on_threads(1, [&] { return run_communities(GraphView(graph), request); });
    CHECK(serial.best_run == best);
    CHECK(serial.quality == kernel_quality[best]);
    for (int threads : {2, 3}) {
      INFO(method_name(method) << " on " << threads << " threads");
      const CommunityOutcome spread = on_threads(threads, [&] { return run_communities(GraphView(graph), request); });
      CHECK(spread.best_run == serial.best_run);
      CHECK(spread.quality == serial.quality);
      CHECK(spread.membership == serial.membership);
      CHECK(spread.stability.mean_pairwise_nmi == serial.stability.mean_pairwise_nmi);
      CHECK(spread.stability.consensus_share == serial.stability.consensus_share);
    }
  }
}
