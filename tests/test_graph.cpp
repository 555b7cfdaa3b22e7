// Data model invariants: CSR build, duplicate merging, in/out agreement, views, components.
#include <omp.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include "algorithms/igraph_adapter.hpp"
#include "algorithms/structure/connected_components.hpp"
#include "graph/errors.hpp"
#include "graph/parallel_sort.hpp"
#include "graph/random.hpp"
#include "graph/spin_barrier.hpp"
#include "graph/views.hpp"

using namespace firmnet;
using namespace firmnet::structure;

namespace {

NodeTable firms(std::size_t n) {
  NodeTable t;
  for (std::size_t i = 0; i < n; ++i) {
    t.id.push_back("n" + std::to_string(i));
    t.name.push_back("");
    t.kind.push_back(NodeKind::firm);
    t.lat.push_back(0);
    t.lon.push_back(0);
    t.employees.push_back(0);
    t.revenue.push_back(0);
    t.founded.push_back(0);
    t.closed.push_back(0);
  }
  for (StringColumn* c : {&t.industry, &t.stage, &t.region, &t.park, &t.ownership}) c->codes.assign(n, kMissingCode);
  return t;
}

Graph random_graph(NodeId n, std::size_t m, unsigned seed) {
  std::mt19937 rng(seed);
  GraphBuilder b(firms(n));
  for (std::size_t i = 0; i < m; ++i)
    b.add_edge(rng() % n, rng() % n, static_cast<RelationType>(rng() % kRelationTypeCount), 1.0 + rng() % 5,
               static_cast<std::int16_t>(2015 + rng() % 6));
  return std::move(b).finish();
}

void check_invariants(const Graph& g) {
  const NodeId n = g.node_count();
  REQUIRE(g.out_offsets.size() == n + 1u);
  REQUIRE(g.in_offsets.size() == n + 1u);
  REQUIRE(g.in_source.size() == g.edge_count());
  // Every out-edge appears exactly once on the in-side, with the same EdgeId.
  std::vector<int> seen(g.edge_count(), 0);
  for (NodeId v = 0; v < n; ++v) {
    for (EdgeId s = g.in_begin(v); s < g.in_end(v); ++s) {
      const EdgeId e = g.in_edge[s];
      REQUIRE(g.out_target[e] == v);
      REQUIRE(g.edge_source(e) == g.in_source[s]);
      ++seen[e];
    }
  }
  for (int c : seen) REQUIRE(c == 1);
  // Source-major order with unique (target, type, year) keys per source.
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_begin(u) + 1; e < g.out_end(u); ++e)
      REQUIRE(std::tie(g.out_target[e - 1], g.edges.type[e - 1], g.edges.year[e - 1]) <
              std::tie(g.out_target[e], g.edges.type[e], g.edges.year[e]));
}

}  // namespace

TEST_CASE("GraphBuilder merges duplicates, drops self-loops and keeps extras", "[core][graph]") {
  GraphBuilder b(firms(4));
  b.set_extra_edge_columns({"contract"});
  std::vector<std::string_view> extra;
  auto add = [&](NodeId s, NodeId t, RelationType type, double w, std::int16_t y, std::string_view c) {
    b.add_edge(s, t, type, w, y);
    extra = {c};
    b.add_edge_extras(extra);
  };
  add(2, 1, RelationType::supply, 2.0, 2020, "formal");
  add(0, 1, RelationType::supply, 1.5, 2020, "formal");
  add(0, 1, RelationType::supply, 2.5, 2020, "informal");  // duplicate of the previous: merged
  add(0, 1, RelationType::supply, 1.0, 2021, "formal");    // other year: kept apart
  add(0, 1, RelationType::cooperation, 1.0, 2020, "kin");  // other type: kept apart
  add(3, 3, RelationType::supply, 1.0, 2020, "x");         // self-loop: dropped
  BuildStats stats;
  Graph g = std::move(b).finish(&stats);
  CHECK(stats.duplicates_merged == 1);
  CHECK(stats.self_loops_dropped == 1);
  REQUIRE(g.edge_count() == 4);
  check_invariants(g);
  // Edge 0: 0->1 supply 2020 with summed weight and the first occurrence's extra value.
  CHECK(g.out_target[0] == 1);
  CHECK(g.edges.type[0] == RelationType::supply);
  CHECK(g.edges.year[0] == 2020);
  CHECK(g.edges.weight[0] == 4.0);
  const auto& contract = std::get<StringColumn>(g.edges.extra.at(0).values);
  CHECK(contract.value(0) == "formal");
  CHECK(g.edges.year[1] == 2021);
  CHECK(g.edges.type[2] == RelationType::cooperation);
  CHECK(contract.value(2) == "kin");
  CHECK(g.edge_source(3) == 2);
  CHECK(g.in_degree(1) == 4);
  CHECK(g.out_degree(3) == 0);
}

TEST_CASE("GraphBuilder equals a map of merged edges on multigraphs full of repeats", "[core][graph]") {
  // An independent reference: an ordered map from (source, target, type, year) to the weights
  // summed in input order and the first occurrence's position.
  std::mt19937_64 rng(5);
  const NodeId n = 40;
  for (int trial = 0; trial < 5; ++trial) {
    GraphBuilder b(firms(n));
    b.set_extra_edge_columns({"position"});
    std::map<std::tuple<NodeId, NodeId, RelationType, std::int16_t>, std::pair<double, std::size_t>> reference;
    const std::size_t m = 3000;
    for (std::size_t i = 0; i < m; ++i) {
      const NodeId s = static_cast<NodeId>(rng() % n), t = static_cast<NodeId>(rng() % n);
      const auto type = static_cast<RelationType>(rng() % 2);
      const auto year = static_cast<std::int16_t>(rng() % 3 == 0 ? kNoYear : 2019 + rng() % 2);
      const double weight = 0.1 * static_cast<double>(1 + rng() % 97);  // sums depend on order
      b.add_edge(s, t, type, weight, year);
      const std::string position = std::to_string(i);
      const std::vector<std::string_view> extra = {position};
      b.add_edge_extras(extra);
      if (s == t) continue;
      auto [it, fresh] = reference.try_emplace({s, t, type, year}, weight, i);
      if (!fresh) it->second.first += weight;
    }
    BuildStats stats;
    const Graph g = std::move(b).finish(&stats);
    check_invariants(g);
    REQUIRE(g.edge_count() == reference.size());
    const auto& position = std::get<StringColumn>(g.edges.extra.at(0).values);
    EdgeId e = 0;
    for (const auto& [key, merged] : reference) {
      INFO("trial " << trial << " edge " << e);
      CHECK(g.edge_source(e) == std::get<0>(key));
      CHECK(g.out_target[e] == std::get<1>(key));
      CHECK(g.edges.type[e] == std::get<2>(key));
      CHECK(g.edges.year[e] == std::get<3>(key));
      CHECK(g.edges.weight[e] == merged.first);
      CHECK(position.value(e) == std::to_string(merged.second));
      ++e;
    }
    CHECK(stats.self_loops_dropped + stats.duplicates_merged + reference.size() == m);
  }
}

TEST_CASE("in- and out-adjacency agree on random multigraphs", "[core][graph]") {
  for (unsigned seed : {1u, 2u, 3u}) {
    Graph g = random_graph(200, 3000, seed);
    check_invariants(g);
    double total = 0;
    for (double w : g.edges.weight) total += w;
    CHECK(total > 0);
  }
}

TEST_CASE("fingerprint changes with topology and weights", "[core][graph]") {
  Graph a = random_graph(50, 300, 7), b = random_graph(50, 300, 7), c = random_graph(50, 300, 8);
  CHECK(a.fingerprint() == b.fingerprint());
  CHECK(a.fingerprint() != c.fingerprint());
  b.edges.weight[0] += 1;
  CHECK(a.fingerprint() != b.fingerprint());
}

TEST_CASE("EdgeFilter parses layers and years", "[core][views]") {
  auto f = EdgeFilter::parse("supply,Subcontract", "2015-2020");
  CHECK(f.accepts(RelationType::supply, 2015));
  CHECK(f.accepts(RelationType::subcontract, 2020));
  CHECK_FALSE(f.accepts(RelationType::supply, 2021));
  CHECK_FALSE(f.accepts(RelationType::finance, 2016));
  CHECK_FALSE(f.accepts(RelationType::supply, kNoYear));
  CHECK(f.describe() == "types=supply,subcontract years=2015-2020 (undated excluded)");
  auto open = EdgeFilter::parse("", "2018-");
  CHECK(open.accepts(RelationType::labor, 3000));
  CHECK_FALSE(open.accepts(RelationType::labor, 2017));
  CHECK(EdgeFilter::parse("", "").all());
  CHECK(EdgeFilter::parse("all", "").describe() == "types=all years=all");
  CHECK_THROWS_AS(EdgeFilter::parse("suply", ""), UsageError);
  CHECK_THROWS_AS(EdgeFilter::parse("", "2020-2010"), UsageError);
  CHECK_THROWS_AS(EdgeFilter::parse("", "twenty"), UsageError);
  CHECK_THROWS_AS(EdgeFilter::parse("supply,", ""), UsageError);
}

TEST_CASE("projections sum weights over directions and types", "[core][views]") {
  GraphBuilder b(firms(3));
  b.add_edge(0, 1, RelationType::supply, 2.0, 2020);
  b.add_edge(1, 0, RelationType::supply, 3.0, 2020);
  b.add_edge(0, 1, RelationType::finance, 5.0, 2021);
  b.add_edge(1, 2, RelationType::cooperation, 1.0, kNoYear);
  Graph g = std::move(b).finish();

  WeightedCsr all = undirected_projection(GraphView(g));
  REQUIRE(all.node_count() == 3);
  REQUIRE(all.degree(0) == 1);
  CHECK(all.targets[all.offsets[0]] == 1);
  CHECK(all.weights[all.offsets[0]] == 10.0);
  REQUIRE(all.degree(1) == 2);
  CHECK(all.weights[all.offsets[1]] == 10.0);
  CHECK(all.weights[all.offsets[1] + 1] == 1.0);
  CHECK(all.total_weight() == 22.0);

  WeightedCsr supply = undirected_projection(GraphView(g, EdgeFilter::of_types({RelationType::supply})));
  CHECK(supply.weights[supply.offsets[0]] == 5.0);
  CHECK(supply.degree(2) == 0);

  WeightedCsr out = directed_csr(GraphView(g));
  CHECK(out.degree(0) == 1);
  CHECK(out.weights[out.offsets[0]] == 7.0);
  WeightedCsr in = reverse_csr(GraphView(g));
  CHECK(in.degree(0) == 1);
  CHECK(in.weights[in.offsets[0]] == 3.0);

  std::vector<std::uint8_t> member = {1, 1, 0};
  WeightedCsr sub = undirected_projection(GraphView(g).with_nodes(member));
  CHECK(sub.degree(1) == 1);
  CHECK(sub.degree(2) == 0);
}

TEST_CASE("induced_subgraph copies nodes, edges and extras with local ids", "[core][views]") {
  NodeTable t = firms(4);
  t.extra.push_back({"score", Float64Column{0.5, 1.5, 2.5, 3.5}});
  GraphBuilder b(std::move(t));
  b.set_extra_edge_columns({"note"});
  const std::pair<NodeId, NodeId> edges[] = {{0, 1}, {1, 2}, {2, 3}, {3, 1}};
  for (auto [s, d] : edges) {
    b.add_edge(s, d, RelationType::supply, 1.0 + s, 2020);
    std::string_view note = s == 3 ? "back" : "fwd";
    b.add_edge_extras(std::span<const std::string_view>(&note, 1));
  }
  Graph g = std::move(b).finish();
  InducedSubgraph sub = induced_subgraph(GraphView(g), {3, 1, 2});
  REQUIRE(sub.graph.node_count() == 3);
  CHECK(sub.graph.nodes.id[0] == "n3");
  CHECK(std::get<Float64Column>(sub.graph.nodes.extra.at(0).values)[0] == 3.5);
  REQUIRE(sub.graph.edge_count() == 3);  // 1->2, 2->3, 3->1 survive; 0->1 does not
  check_invariants(sub.graph);
  // local 0 (=3) -> local 1 (=1), weight 4, note "back"
  REQUIRE(sub.graph.out_degree(0) == 1);
  CHECK(sub.graph.out_target[0] == 1);
  CHECK(sub.graph.edges.weight[0] == 4.0);
  CHECK(std::get<StringColumn>(sub.graph.edges.extra.at(0).values).value(0) == "back");
}

TEST_CASE("connected components on a worked example", "[core][components]") {
  // 0->1->2->0 is one strong component; 3->4 hang off it; 5 is isolated.
  GraphBuilder b(firms(6));
  for (auto [s, d] : std::vector<std::pair<NodeId, NodeId>>{{0, 1}, {1, 2}, {2, 0}, {2, 3}, {3, 4}})
    b.add_edge(s, d, RelationType::supply, 1.0);
  Graph g = std::move(b).finish();
  Components weak = weakly_connected_components(GraphView(g));
  CHECK(weak.count() == 2);
  CHECK(weak.largest() == 5);
  CHECK(weak.membership[5] == 1);
  Components strong = strongly_connected_components(GraphView(g));
  CHECK(strong.count() == 4);
  CHECK(strong.largest() == 3);
  CHECK(strong.membership[0] == strong.membership[2]);
  CHECK(strong.membership[3] != strong.membership[4]);
}

TEST_CASE("components agree with igraph on random graphs", "[core][components]") {
  for (unsigned seed : {11u, 12u}) {
    Graph g = random_graph(400, 500, seed);
    IgraphGraph ig = IgraphGraph::from_view(GraphView(g), true);
    for (igraph_connectedness_t mode : {IGRAPH_WEAK, IGRAPH_STRONG}) {
      igraph_vector_int_t membership, sizes;
      igraph_integer_t count = 0;
      igraph_vector_int_init(&membership, 0);
      igraph_vector_int_init(&sizes, 0);
      check_igraph(igraph_connected_components(ig.get(), &membership, &sizes, &count, mode), "components");
      Components ours = mode == IGRAPH_WEAK ? weakly_connected_components(GraphView(g))
                                            : strongly_connected_components(GraphView(g));
      CHECK(ours.count() == static_cast<std::uint64_t>(count));
      // Same partition: u and v share a component in one iff they do in the other.
      auto theirs = to_std_vector(membership);
      std::map<std::int64_t, std::int64_t> mapping;
      for (NodeId u = 0; u < g.node_count(); ++u) {
        auto [it, inserted] = mapping.emplace(ours.membership[u], theirs[u]);
        REQUIRE(it->second == theirs[u]);
      }
      igraph_vector_int_destroy(&membership);
      igraph_vector_int_destroy(&sizes);
    }
  }
}

TEST_CASE("parallel_sort equals std::sort on 1 to 5 threads with duplicates and uneven runs") {
  const int threads = omp_get_max_threads();
  Rng rng(17);
  // Pairs (key, index): a total order, as the callers use it; keys repeat often.
  std::vector<std::pair<std::uint32_t, std::uint32_t>> values(5 * kParallelSortGrain + 7);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = {static_cast<std::uint32_t>(rng.below(1000)), static_cast<std::uint32_t>(i)};
  auto expected = values;
  std::sort(expected.begin(), expected.end());
  for (int t = 1; t <= 5; ++t) {
    omp_set_num_threads(t);
    auto sorted = values;
    parallel_sort(sorted.begin(), sorted.end());
    CHECK(sorted == expected);
  }
  // Doubles with a descending order: equal elements are indistinguishable, so the order is total.
  std::vector<double> numbers(3 * kParallelSortGrain + 1);
  for (double& x : numbers) x = static_cast<double>(rng.below(5000)) / 7.0;
  auto descending = numbers;
  std::sort(descending.begin(), descending.end(), std::greater<>());
  omp_set_num_threads(3);
  parallel_sort(numbers.begin(), numbers.end(), std::greater<>());
  CHECK(numbers == descending);
  omp_set_num_threads(threads);
}

TEST_CASE("SpinBarrier holds every thread until all arrive, spinning or sleeping, on 1 to 4 threads", "[core][graph]") {
  // Each round every thread writes its slot, passes the barrier and checks that it sees every
  // slot of the round, then passes it again before the slots are overwritten. One thread
  // arrives late in some rounds (1 ms: past the spin), so the sleeping path is taken too.
  constexpr int kRounds = 300;
  const int threads = omp_get_max_threads();
  for (int t = 1; t <= 4; ++t) {
    std::vector<std::atomic<int>> slot(static_cast<std::size_t>(t));
    std::atomic<int> mismatches{0}, team{0};
    std::optional<SpinBarrier> barrier;
#pragma omp parallel num_threads(t)
    {
#pragma omp single
      {
        team = omp_get_num_threads();
        barrier.emplace(omp_get_num_threads());
      }
      const int me = omp_get_thread_num(), size = omp_get_num_threads();
      for (int round = 0; round < kRounds; ++round) {
        if (me == round % size && round % 50 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        slot[static_cast<std::size_t>(me)].store(round, std::memory_order_relaxed);
        barrier->arrive_and_wait();
        for (int other = 0; other < size; ++other)
          if (slot[static_cast<std::size_t>(other)].load(std::memory_order_relaxed) != round) ++mismatches;
        barrier->arrive_and_wait();
      }
    }
    CHECK(team.load() == t);
    CHECK(mismatches.load() == 0);
  }
  omp_set_num_threads(threads);
}
