// Thin wrappers over igraph community methods; references in the header.
#include "algorithms/community/igraph_methods.hpp"

#include "algorithms/igraph_adapter.hpp"

namespace firmnet::community {

namespace {

/// Owns an igraph integer vector for one call.
struct IntVector {
  igraph_vector_int_t v;
  IntVector() { check_igraph(igraph_vector_int_init(&v, 0), "vector init"); }
  ~IntVector() { igraph_vector_int_destroy(&v); }
  IntVector(const IntVector&) = delete;
  IntVector& operator=(const IntVector&) = delete;
};

Membership finish(const igraph_vector_int_t& v) {
  Membership m = to_std_vector(v);
  canonical_relabel(m);
  return m;
}

/// While alive, igraph reports errors by return code (caught by check_igraph) instead of
/// aborting the process, igraph's default.
class ErrorsAsCodes {
 public:
  ErrorsAsCodes() : previous_(igraph_set_error_handler(igraph_error_handler_ignore)) {}
  ~ErrorsAsCodes() { igraph_set_error_handler(previous_); }
  ErrorsAsCodes(const ErrorsAsCodes&) = delete;
  ErrorsAsCodes& operator=(const ErrorsAsCodes&) = delete;

 private:
  igraph_error_handler_t* previous_;
};

/// Merge matrix and modularity vector that walktrap and fast greedy need to cut their
/// dendrogram at maximal modularity.
struct Dendrogram {
  igraph_matrix_int_t merges;
  igraph_vector_t modularity;
  Dendrogram() {
    check_igraph(igraph_matrix_int_init(&merges, 0, 0), "matrix init");
    check_igraph(igraph_vector_init(&modularity, 0), "vector init");
  }
  ~Dendrogram() {
    igraph_matrix_int_destroy(&merges);
    igraph_vector_destroy(&modularity);
  }
  Dendrogram(const Dendrogram&) = delete;
  Dendrogram& operator=(const Dendrogram&) = delete;
};

void seed_igraph(std::uint64_t seed) {
  check_igraph(igraph_rng_seed(igraph_rng_default(), static_cast<igraph_uint_t>(seed)), "rng seed");
}

}  // namespace

Membership infomap(const WeightedCsr& directed, int trials, std::uint64_t seed, double* codelength) {
  const ErrorsAsCodes errors_as_codes;
  IgraphGraph graph = IgraphGraph::from_csr(directed, true);
  IntVector membership;
  igraph_real_t length = 0;
  seed_igraph(seed);
  check_igraph(igraph_community_infomap(graph.get(), graph.weights(), nullptr, trials, &membership.v, &length),
               "community_infomap");
  if (codelength) *codelength = length;
  return finish(membership.v);
}

Membership label_propagation(const WeightedCsr& symmetric, std::uint64_t seed) {
  const ErrorsAsCodes errors_as_codes;
  IgraphGraph graph = IgraphGraph::from_csr(symmetric, false);
  IntVector membership;
  seed_igraph(seed);
  check_igraph(igraph_community_label_propagation(graph.get(), &membership.v, IGRAPH_ALL, graph.weights(), nullptr,
                                                  nullptr),
               "community_label_propagation");
  return finish(membership.v);
}

Membership walktrap(const WeightedCsr& symmetric, int steps) {
  const ErrorsAsCodes errors_as_codes;
  IgraphGraph graph = IgraphGraph::from_csr(symmetric, false);
  IntVector membership;
  Dendrogram dendrogram;
  check_igraph(igraph_community_walktrap(graph.get(), graph.weights(), steps, &dendrogram.merges,
                                         &dendrogram.modularity, &membership.v),
               "community_walktrap");
  return finish(membership.v);
}

Membership fast_greedy(const WeightedCsr& symmetric) {
  const ErrorsAsCodes errors_as_codes;
  IgraphGraph graph = IgraphGraph::from_csr(symmetric, false);
  IntVector membership;
  Dendrogram dendrogram;
  check_igraph(igraph_community_fastgreedy(graph.get(), graph.weights(), &dendrogram.merges, &dendrogram.modularity,
                                           &membership.v),
               "community_fastgreedy");
  return finish(membership.v);
}

Membership igraph_leiden(const WeightedCsr& symmetric, Objective objective, double resolution, int iterations,
                         std::uint64_t seed, double beta) {
  const ErrorsAsCodes errors_as_codes;
  IgraphGraph graph = IgraphGraph::from_csr(symmetric, false);
  igraph_vector_t node_weights;
  check_igraph(igraph_vector_init(&node_weights, 0), "vector init");
  IntVector membership;
  double gamma = resolution;
  igraph_error_t code = IGRAPH_SUCCESS;
  if (objective == Objective::modularity) {
    code = igraph_strength(graph.get(), &node_weights, igraph_vss_all(), IGRAPH_ALL, IGRAPH_LOOPS, graph.weights());
    const double two_m = symmetric.total_weight();
    gamma = two_m > 0 ? resolution / two_m : 0.0;
  }
  igraph_integer_t clusters = 0;
  igraph_real_t quality = 0;
  seed_igraph(seed);
  if (code == IGRAPH_SUCCESS)
    code = igraph_community_leiden(graph.get(), graph.weights(),
                                   objective == Objective::modularity ? &node_weights : nullptr, gamma, beta, false,
                                   iterations, &membership.v, &clusters, &quality);
  igraph_vector_destroy(&node_weights);
  check_igraph(code, "community_leiden");
  return finish(membership.v);
}

}  // namespace firmnet::community
