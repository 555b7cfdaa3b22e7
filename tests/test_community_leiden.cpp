// Leiden/Louvain and the quality functions against igraph, planted truth and hand values.
#include <omp.h>

#include <catch2/catch.hpp>

#include "algorithms/community/leiden.hpp"
#include "algorithms/community/leiden_verifier.hpp"
#include "algorithms/community/modularity.hpp"
#include "algorithms/community/partition_comparison.hpp"
#include "algorithms/igraph_adapter.hpp"
#include "datasets/generators/scale.hpp"
#include "graph/errors.hpp"
#include "graph/views.hpp"
#include "test_community_graphs.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::community;
using namespace firmnet::community::testing;

namespace {

Membership random_membership(NodeId n, std::int64_t k, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::int64_t> label(0, k - 1);
  Membership m(n);
  for (auto& c : m) c = label(rng);
  return m;
}

double igraph_modularity_of(const WeightedCsr& csr, bool directed, const Membership& m, double resolution) {
  IgraphGraph graph = IgraphGraph::from_csr(csr, directed);
  IgraphMembership membership(m);
  igraph_real_t q = 0;
  check_igraph(igraph_modularity(graph.get(), &membership.v, graph.weights(), resolution, directed, &q), "modularity");
  return q;
}

/// igraph Leiden with the modularity objective (node weights = strengths, resolution
/// gamma / 2m), iterated to convergence.
Membership igraph_leiden_modularity(const WeightedCsr& csr, std::uint64_t seed) {
  IgraphGraph graph = IgraphGraph::from_csr(csr, false);
  igraph_vector_t strength;
  igraph_vector_init(&strength, 0);
  igraph_strength(graph.get(), &strength, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, graph.weights());
  igraph_vector_int_t membership;
  igraph_vector_int_init(&membership, 0);
  igraph_rng_seed(igraph_rng_default(), seed);
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0;
  check_igraph(igraph_community_leiden(graph.get(), graph.weights(), &strength, 1.0 / csr.total_weight(), 0.01, false,
                                       -1, &membership, &clusters, &quality),
               "leiden");
  Membership out = to_std_vector(membership);
  igraph_vector_int_destroy(&membership);
  igraph_vector_destroy(&strength);
  return out;
}

}  // namespace

TEST_CASE("Leiden and Louvain find Zachary's karate communities", "[community]") {
  const WeightedCsr csr = symmetric_csr(karate());
  double best_louvain = 0;
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    LeidenOptions options;
    options.seed = seed;
    const LeidenResult result = leiden(csr, options);
    CHECK(result.quality >= 0.41);
    CHECK(result.quality <= 0.4198 + 1e-4);  // the known optimum is 0.41979
    CHECK(result.quality == Approx(igraph_modularity_of(csr, false, result.membership, 1.0)).margin(1e-12));
    CHECK(result.community_count >= 3);
    CHECK(communities_connected(csr, result.membership));
    const LeidenResult lv = louvain(csr, options);
    CHECK(lv.quality >= 0.39);
    CHECK(lv.quality == Approx(modularity(csr, lv.membership)).margin(1e-12));
    best_louvain = std::max(best_louvain, lv.quality);
  }
  CHECK(best_louvain >= 0.41);
}

TEST_CASE("Modularity equals igraph_modularity, undirected and directed, weighted", "[community]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> unit(0.1, 3.0);
  EdgeListGraph g;
  g.n = 300;
  std::uniform_int_distribution<NodeId> node(0, g.n - 1);
  for (int i = 0; i < 2500; ++i) {
    g.edges.emplace_back(node(rng), node(rng));
    g.weights.push_back(unit(rng));
  }
  const WeightedCsr sym = symmetric_csr(g), dir = directed_csr_of(g);
  for (std::int64_t k : {1, 2, 5, 40, 300}) {
    const Membership m = random_membership(g.n, k, 11 + k);
    for (double gamma : {1.0, 0.5, 2.0}) {
      CHECK(modularity(sym, m, gamma) == Approx(igraph_modularity_of(sym, false, m, gamma)).margin(1e-9));
      CHECK(directed_modularity(dir, m, gamma) == Approx(igraph_modularity_of(dir, true, m, gamma)).margin(1e-9));
    }
  }
  // The planted split of a Leiden result also matches, and differs between the two forms.
  const LeidenResult result = leiden(sym);
  const double q_dir = directed_modularity(dir, result.membership);
  CHECK(q_dir == Approx(igraph_modularity_of(dir, true, result.membership, 1.0)).margin(1e-9));
}

TEST_CASE("CPM quality matches a hand-computed example", "[community]") {
  // Two triangles joined by one edge of weight 2; triangle edges weight 1.
  EdgeListGraph g;
  g.n = 6;
  g.edges = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}, {2, 3}};
  g.weights = {1, 1, 1, 1, 1, 1, 2};
  const WeightedCsr csr = symmetric_csr(g);
  const Membership split = {0, 0, 0, 1, 1, 1}, whole = {0, 0, 0, 0, 0, 0};
  // split: e = 3 + 3, penalty gamma * (3 + 3): H = 6 - 6 gamma.
  CHECK(cpm_quality(csr, split, 0.5) == Approx(3.0).margin(1e-12));
  // whole: e = 8, penalty gamma * 15.
  CHECK(cpm_quality(csr, whole, 0.5) == Approx(8 - 7.5).margin(1e-12));
  // Modularity by hand for the split: m = 8, volumes 8 and 8, inside 6 of 8.
  CHECK(modularity(csr, split) == Approx(6.0 / 8 - 2 * (8.0 / 16) * (8.0 / 16)).margin(1e-12));

  // Optimisation: two 4-cliques joined by one edge of weight 0.3, gamma = 0.5. The split
  // gives 6 + 6 - 0.5 (6 + 6) = 6, better than any other partition.
  EdgeListGraph cliques;
  cliques.n = 8;
  for (NodeId base : {0u, 4u})
    for (NodeId i = 0; i < 4; ++i)
      for (NodeId j = i + 1; j < 4; ++j) cliques.edges.emplace_back(base + i, base + j);
  cliques.weights.assign(cliques.edges.size(), 1.0);
  cliques.edges.emplace_back(3, 4);
  cliques.weights.push_back(0.3);
  LeidenOptions options;
  options.objective = Objective::cpm;
  options.resolution = 0.5;
  const LeidenResult result = leiden(symmetric_csr(cliques), options);
  CHECK(result.community_count == 2);
  CHECK(result.membership[0] == result.membership[3]);
  CHECK(result.quality == Approx(6.0).margin(1e-12));
  options.resolution = 0.01;  // whole: 12.3 - 0.28 beats split: 12 - 0.12
  CHECK(leiden(symmetric_csr(cliques), options).community_count == 1);
}

TEST_CASE("Planted partitions and LFR-like graphs are recovered (NMI >= 0.99)", "[community]") {
  SECTION("planted partition, unweighted and weighted") {
    for (bool weighted : {false, true}) {
      const EdgeListGraph g = planted_partition(1200, 12, 0.12, 0.004, 21 + weighted, weighted);
      const WeightedCsr csr = symmetric_csr(g);
      const LeidenResult result = leiden(csr);
      CHECK(normalized_mutual_information(result.membership, g.truth) >= 0.99);
      CHECK(communities_connected(csr, result.membership));
      CHECK(normalized_mutual_information(louvain(csr).membership, g.truth) >= 0.99);
    }
  }
  SECTION("LFR-like, low mixing") {
    for (double mu : {0.1, 0.2, 0.3}) {
      const EdgeListGraph g = lfr_like(5000, mu, 31);
      const WeightedCsr csr = symmetric_csr(g);
      const LeidenResult result = leiden(csr);
      INFO("mu " << mu);
      CHECK(normalized_mutual_information(result.membership, g.truth) >= 0.99);
      CHECK(communities_connected(csr, result.membership));
    }
  }
  SECTION("CPM at a resolution between inside and outside density") {
    const EdgeListGraph g = planted_partition(800, 8, 0.2, 0.005, 5);
    const WeightedCsr csr = symmetric_csr(g);
    LeidenOptions options;
    options.objective = Objective::cpm;
    options.resolution = 0.05;
    const LeidenResult result = leiden(csr, options);
    CHECK(normalized_mutual_information(result.membership, g.truth) >= 0.99);
    CHECK(communities_connected(csr, result.membership));
    CHECK(result.quality == Approx(cpm_quality(csr, result.membership, 0.05)).margin(1e-9));
  }
}

TEST_CASE("Leiden matches igraph's Leiden and multilevel in modularity", "[community]") {
  const EdgeListGraph g = lfr_like(4000, 0.5, 77);
  const WeightedCsr csr = symmetric_csr(g);
  const LeidenResult ours = leiden(csr);
  const double q_igraph = modularity(csr, igraph_leiden_modularity(csr, 5));
  CHECK(ours.quality >= q_igraph - 0.002);
  CHECK(communities_connected(csr, ours.membership));

  IgraphGraph graph = IgraphGraph::from_csr(csr, false);
  igraph_vector_int_t membership;
  igraph_vector_int_init(&membership, 0);
  igraph_rng_seed(igraph_rng_default(), 3);
  check_igraph(igraph_community_multilevel(graph.get(), graph.weights(), 1.0, &membership, nullptr, nullptr),
               "multilevel");
  const std::vector<std::int64_t> ml = to_std_vector(membership);
  igraph_vector_int_destroy(&membership);
  CHECK(louvain(csr).quality >= modularity(csr, ml) - 0.005);
}

TEST_CASE("Leiden is deterministic per seed and independent of the thread count", "[community]") {
  const EdgeListGraph g = lfr_like(6000, 0.4, 3);
  const WeightedCsr csr = symmetric_csr(g);
  const int threads = omp_get_max_threads();
  LeidenOptions options;
  options.seed = 42;
  options.sequential_below = 512;  // exercise the parallel sub-rounds on a small graph
  omp_set_num_threads(2);
  const LeidenResult a = leiden(csr, options);
  const LeidenResult b = leiden(csr, options);
  omp_set_num_threads(1);
  const LeidenResult c = leiden(csr, options);
  const LeidenResult d = louvain(csr, options);
  omp_set_num_threads(2);
  const LeidenResult e = louvain(csr, options);
  // Moves to a new community are applied after the rest of their sub-round: start CPM from
  // one community, so that nearly every vertex leaves for a community of its own at once.
  LeidenOptions cpm = options;
  cpm.objective = Objective::cpm;
  cpm.resolution = 0.05;
  const Membership together(csr.node_count(), 0);
  cpm.initial = &together;
  const LeidenResult f = leiden(csr, cpm);
  omp_set_num_threads(1);
  const LeidenResult h = leiden(csr, cpm);
  omp_set_num_threads(threads);
  CHECK(f.membership == h.membership);
  CHECK(f.quality == h.quality);
  CHECK(f.community_count > 10);
  CHECK(communities_connected(csr, f.membership));
  CHECK(a.membership == b.membership);
  CHECK(a.membership == c.membership);
  CHECK(a.quality == c.quality);
  CHECK(d.membership == e.membership);
  CHECK(communities_connected(csr, a.membership));
  // Without planted structure the optimum is not unique, so another seed finds another one.
  const WeightedCsr noise = symmetric_csr(planted_partition(2000, 1, 0.004, 0.0, 9));
  options.seed = 42;
  const Membership first = leiden(noise, options).membership;
  options.seed = 43;
  CHECK(leiden(noise, options).membership != first);
}

TEST_CASE("Communities renumbered after a level's first pass keep every invariant", "[community]") {
  // Levels of 1024 nodes or more renumber their communities 0..k-1 after their first pass.
  // On a graph with parallel passes and several such levels, the converged result must pass
  // the verifier (labels, connectivity, reported quality, no improving single move), find
  // the planted communities, and be the same on 1 and 3 threads, for Leiden and Louvain.
  const EdgeListGraph g = lfr_like(20000, 0.3, 5);
  const WeightedCsr csr = symmetric_csr(g);
  LeidenOptions options;
  options.seed = 9;
  options.sequential_below = 1024;
  const LeidenResult three = test::on_threads(3, [&] { return leiden(csr, options); });
  const LeidenResult louvain_three = test::on_threads(3, [&] { return louvain(csr, options); });
  const LeidenResult one = test::on_threads(1, [&] { return leiden(csr, options); });
  const LeidenResult louvain_one = test::on_threads(1, [&] { return louvain(csr, options); });
  const Verification verified = verify_leiden(csr, options, three);
  INFO((verified.violations.empty() ? std::string() : verified.violations.front()));
  CHECK(verified.ok());
  CHECK(three.membership == one.membership);
  CHECK(three.quality == one.quality);
  // Modularity's resolution limit merges some small planted communities at this size: NMI
  // 0.949 with or without the renumbering (same partitions, same quality to the last bit).
  CHECK(normalized_mutual_information(three.membership, g.truth) >= 0.93);
  CHECK(louvain_three.membership == louvain_one.membership);
  CHECK(normalized_mutual_information(louvain_three.membership, g.truth) >= 0.93);
}

TEST_CASE("A reused Leiden workspace gives the results of a fresh one", "[community]") {
  // One workspace through graphs of different sizes, objectives, Louvain and thread counts;
  // every result must equal that of a call with its own buffers. The small graph runs after
  // the large one, so stale rows and accumulator entries would be read if a call relied on
  // zeroed or fitted buffers.
  const WeightedCsr large = symmetric_csr(lfr_like(5000, 0.4, 21));
  const WeightedCsr small = symmetric_csr(lfr_like(700, 0.2, 22));
  const int threads = omp_get_max_threads();
  LeidenWorkspace workspace;
  workspace.reserve(small);  // then grown by the large graph
  LeidenOptions modularity_options;
  modularity_options.sequential_below = 256;  // parallel sub-rounds on these small graphs
  LeidenOptions cpm = modularity_options;
  cpm.objective = Objective::cpm;
  cpm.resolution = 0.05;
  LeidenOptions fast = modularity_options;
  fast.max_iterations = 1;
  fast.pass_stop_fraction = 0.05;  // leaves flagged vertices: refinement re-reads their rows
  LeidenOptions lightest = fast;
  lightest.refine_lightest_first = true;
  int compared = 0;
  for (int t : {2, 1, 3}) {
    omp_set_num_threads(t);
    for (const WeightedCsr* graph : {&large, &small, &large}) {
      for (const LeidenOptions* options : {&modularity_options, &cpm, &fast, &lightest}) {
        const LeidenResult fresh = leiden(*graph, *options);
        const LeidenResult reused = leiden(*graph, *options, {}, workspace);
        CHECK(reused.membership == fresh.membership);
        CHECK(reused.quality == fresh.quality);
        ++compared;
      }
      CHECK(louvain(*graph, modularity_options).membership ==
            leiden(*graph, [&] { LeidenOptions o = modularity_options; o.refine = false; return o; }(), {}, workspace)
                .membership);
    }
  }
  omp_set_num_threads(threads);
  CHECK(compared == 36);
  workspace.reserve(large);
  CHECK(leiden(large, fast, {}, workspace).membership == leiden(large, fast).membership);
}

TEST_CASE("Sub-rounds are capped at 255 and keep the result independent of the thread count", "[community]") {
  // Each pending vertex's sub-round number decides which neighbours of a mover are flagged for
  // the next pass; it is stored in a byte, so a pass uses at most 255 sub-rounds.
  const WeightedCsr csr = symmetric_csr(lfr_like(3000, 0.5, 5));
  const int threads = omp_get_max_threads();
  LeidenOptions options;
  options.sequential_below = 2;  // sub-rounds of a single vertex: as many as the cap allows
  options.sub_rounds = 100000;
  omp_set_num_threads(2);
  const LeidenResult asked = leiden(csr, options);
  options.sub_rounds = 255;
  const LeidenResult capped = leiden(csr, options);
  omp_set_num_threads(1);
  const LeidenResult serial = leiden(csr, options);
  options.sub_rounds = 16;
  const LeidenResult fewer = leiden(csr, options);
  omp_set_num_threads(threads);
  CHECK(asked.membership == capped.membership);
  CHECK(capped.membership == serial.membership);
  CHECK(fewer.membership != capped.membership);  // the count takes effect below the cap
  CHECK(verify_leiden(csr, options, capped).ok());
  CHECK(capped.quality >= modularity(csr, igraph_leiden_modularity(csr, 5)) - 0.005);
}

TEST_CASE("Outer iterations keep the best partition and stop at the tolerance", "[community]") {
  const EdgeListGraph g = lfr_like(4000, 0.5, 12);
  const WeightedCsr csr = symmetric_csr(g);
  LeidenOptions options;
  options.max_iterations = 1;
  const LeidenResult once = leiden(csr, options);
  CHECK(once.iterations == 1);
  options.max_iterations = 0;
  const LeidenResult converged = leiden(csr, options);
  // The first iteration is the same run; later ones are kept only when they improve.
  CHECK(converged.iterations >= 2);
  CHECK(converged.quality >= once.quality);
  CHECK(converged.quality == Approx(modularity(csr, converged.membership)).margin(1e-12));
  CHECK(communities_connected(csr, converged.membership));
  // The iteration that stopped the run did not pass the tolerance, so a capped run that
  // stops just before it returns the same partition whenever that iteration was abandoned
  // or not kept; in any case no better one.
  options.max_iterations = converged.iterations - 1;
  const LeidenResult capped = leiden(csr, options);
  CHECK(capped.quality <= converged.quality);
  CHECK(converged.quality - capped.quality <= options.tolerance * std::abs(converged.quality));
  // A huge tolerance stops after the first iteration's result, whatever the graph.
  options.max_iterations = 0;
  options.tolerance = 1e9;
  const LeidenResult loose = leiden(csr, options);
  CHECK(loose.iterations == 2);
  CHECK(loose.membership == once.membership);
}

TEST_CASE("A pass stop fraction ends local moving early: same partition on 1 and 2 threads, connected", "[community]") {
  // GVE-Leiden's quality for less time (docs/benchmarks.md, "Leiden against GVE-Leiden"): one
  // outer iteration, and each level's local moving ends after a pass moving under 5% of its
  // vertices instead of running until a pass moves none.
  const EdgeListGraph g = lfr_like(6000, 0.4, 3);
  const WeightedCsr csr = symmetric_csr(g);
  const int threads = omp_get_max_threads();
  LeidenOptions options;
  options.seed = 42;
  options.sequential_below = 512;  // parallel sub-rounds on this small graph, as on large ones
  options.max_iterations = 1;
  const LeidenResult full_passes = leiden(csr, options);
  options.pass_stop_fraction = 0.05;
  omp_set_num_threads(2);
  const LeidenResult two = leiden(csr, options);
  omp_set_num_threads(1);
  const LeidenResult one = leiden(csr, options);
  omp_set_num_threads(threads);
  CHECK(two.membership == one.membership);
  CHECK(two.quality == one.quality);
  CHECK(two.membership != full_passes.membership);  // the option took effect
  const Verification verified = verify_leiden(csr, options, two);
  INFO((verified.violations.empty() ? std::string() : verified.violations.front()));
  CHECK(verified.ok());  // labels, connected communities, reported quality
  // Quality against igraph's Leiden iterated to convergence: within 0.005 on LFR (mu 0.4),
  // and on karate within 0.01 of the optimum 0.41979 that igraph finds.
  CHECK(two.quality >= modularity(csr, igraph_leiden_modularity(csr, 5)) - 0.005);
  const WeightedCsr karate_csr = symmetric_csr(karate());
  const double karate_igraph = modularity(karate_csr, igraph_leiden_modularity(karate_csr, 5));
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    options.seed = seed;
    const LeidenResult karate_fast = leiden(karate_csr, options);
    CHECK(karate_fast.quality >= karate_igraph - 0.01);
    CHECK(verify_leiden(karate_csr, options, karate_fast).ok());
  }
  options.pass_stop_fraction = -0.1;
  CHECK_THROWS_AS(leiden(csr, options), UsageError);
}

TEST_CASE("Lightest-first refinement: same partition on 1 and 2 threads, connected, better after one iteration",
          "[community]") {
  // A heavy-tailed weighted production network (the benchmarks' scale generator, small), run
  // as the benchmarks' fast setting: one outer iteration, 5% pass stop.
  generators::ScaleParameters scale;
  scale.firms = 20'000;
  scale.links = 200'000;
  scale.seed = 3;
  const Graph graph = generators::generate_scale(scale).graph;
  const WeightedCsr csr = undirected_projection(GraphView(graph));
  LeidenOptions options;
  options.seed = 7;
  options.sequential_below = 1024;  // parallel sub-rounds on this small graph, as on large ones
  options.max_iterations = 1;
  options.pass_stop_fraction = 0.05;
  const LeidenResult visiting = leiden(csr, options);
  options.refine_lightest_first = true;
  const LeidenResult two = test::on_threads(2, [&] { return leiden(csr, options); });
  const LeidenResult one = test::on_threads(1, [&] { return leiden(csr, options); });
  CHECK(two.membership == one.membership);
  CHECK(two.quality == one.quality);
  const Verification verified = verify_leiden(csr, options, two);
  INFO((verified.violations.empty() ? std::string() : verified.violations.front()));
  CHECK(verified.ok());  // labels, connected communities, reported quality
  // Hubs kept as the centres of refined communities: higher modularity than the visiting
  // order at the same setting (0.004-0.006 on the 100k and 1M benchmark networks).
  INFO("visiting order " << visiting.quality << ", lightest first " << two.quality);
  CHECK(two.quality > visiting.quality + 0.001);
}

TEST_CASE("Parallel local moving does not let neighbours swap forever", "[community]") {
  // K disjoint edges: in a synchronous sub-round both ends of an edge see the other alone
  // and join it, so they swap places every pass and never meet. The optimum puts each pair
  // together: Q = sum over K pairs of (1/K - (2 / 2K)^2) = 1 - 1/K.
  const NodeId pairs = 3000;
  EdgeListGraph g;
  g.n = 2 * pairs;
  for (NodeId i = 0; i < pairs; ++i) g.edges.emplace_back(2 * i, 2 * i + 1);
  const WeightedCsr csr = symmetric_csr(g);
  LeidenOptions options;
  options.sequential_below = 64;  // every pass of this small graph runs in parallel sub-rounds
  for (bool refine : {true, false}) {
    options.refine = refine;
    const LeidenResult r = leiden(csr, options);
    CHECK(r.community_count == pairs);
    CHECK(r.quality == Approx(1.0 - 1.0 / pairs).margin(1e-12));
    for (NodeId i = 0; i < pairs; ++i) CHECK(r.membership[2 * i] == r.membership[2 * i + 1]);
  }
}

TEST_CASE("Leiden handles edge cases", "[community]") {
  SECTION("no edges: every node alone") {
    EdgeListGraph g;
    g.n = 5;
    const LeidenResult r = leiden(symmetric_csr(g));
    CHECK(r.community_count == 5);
    CHECK(r.quality == 0.0);
  }
  SECTION("empty graph") {
    const LeidenResult r = leiden(WeightedCsr{});
    CHECK(r.membership.empty());
    CHECK(r.community_count == 0);
  }
  SECTION("two components with isolated nodes stay apart") {
    EdgeListGraph g;
    g.n = 7;
    g.edges = {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}};
    const WeightedCsr csr = symmetric_csr(g);
    for (bool refine : {true, false}) {
      LeidenOptions options;
      options.refine = refine;
      const LeidenResult r = leiden(csr, options);
      CHECK(r.community_count == 3);
      CHECK(r.membership[0] == r.membership[2]);
      CHECK(r.membership[3] == r.membership[5]);
      CHECK(r.membership[0] != r.membership[3]);
      CHECK(r.membership[6] != r.membership[0]);
    }
  }
  SECTION("a start partition is accepted and bad input rejected") {
    const WeightedCsr csr = symmetric_csr(karate());
    Membership start(34, 0);
    LeidenOptions options;
    options.initial = &start;
    CHECK(leiden(csr, options).quality >= 0.41);
    // Large labels are distinct labels: a start at a local optimum stays there with one
    // iteration of Louvain, whatever the label values.
    const LeidenResult reference = leiden(csr);
    Membership spread = reference.membership;
    for (auto& c : spread) c = c * 1000003 + 7;
    options.initial = &spread;
    options.refine = false;
    options.max_iterations = 1;
    CHECK(leiden(csr, options).quality >= reference.quality - 1e-12);
    options.refine = true;
    options.max_iterations = 0;
    Membership short_start(3, 0);
    options.initial = &short_start;
    CHECK_THROWS(leiden(csr, options));
    options.initial = nullptr;
    options.resolution = -1;
    CHECK_THROWS(leiden(csr, options));
  }
}
