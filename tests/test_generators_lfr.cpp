// Tests of the LFR benchmark generator: realised mixing, the degree and community-size
// distributions measured against the parameters (KS distance and a maximum-likelihood
// exponent fit done here, independently of the generator), simplicity and determinism.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "datasets/generators/lfr.hpp"
#include "graph/errors.hpp"

using namespace firmnet;
using namespace firmnet::generators;

namespace {

// Maximum-likelihood exponent of a discrete power law truncated to [lo, hi], fitted to the
// samples inside that range by golden-section search on the log-likelihood.
double fit_exponent(const std::vector<std::int64_t>& samples, std::int64_t lo, std::int64_t hi) {
  double sum_log = 0;
  std::size_t count = 0;
  for (auto k : samples)
    if (k >= lo && k <= hi) sum_log += std::log(static_cast<double>(k)), ++count;
  auto log_likelihood = [&](double tau) {
    double z = 0;
    for (std::int64_t k = lo; k <= hi; ++k) z += std::pow(static_cast<double>(k), -tau);
    return -tau * sum_log - static_cast<double>(count) * std::log(z);
  };
  double a = 0.0, b = 6.0;
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 100; ++i) {
    const double c = b - ratio * (b - a), d = a + ratio * (b - a);
    if (log_likelihood(c) > log_likelihood(d)) b = d;
    else a = c;
  }
  return (a + b) / 2;
}

struct Measured {
  double mu_out = 0, mu_in = 0;  // mean over nodes of the share of links leaving the community
  std::vector<std::int64_t> out_degree, in_degree;
};

Measured measure(const LfrGraph& g) {
  Measured m;
  m.out_degree.assign(g.nodes, 0);
  m.in_degree.assign(g.nodes, 0);
  std::vector<std::int64_t> out_external(g.nodes, 0), in_external(g.nodes, 0);
  for (const auto& [a, b] : g.edges) {
    const bool external = g.community[a] != g.community[b];
    ++m.out_degree[a], out_external[a] += external;
    if (g.directed) {
      ++m.in_degree[b], in_external[b] += external;
    } else {
      ++m.out_degree[b], out_external[b] += external;
    }
  }
  for (std::uint32_t u = 0; u < g.nodes; ++u) {
    if (m.out_degree[u]) m.mu_out += static_cast<double>(out_external[u]) / m.out_degree[u];
    if (m.in_degree[u]) m.mu_in += static_cast<double>(in_external[u]) / m.in_degree[u];
  }
  m.mu_out /= g.nodes;
  m.mu_in /= g.nodes;
  return m;
}

double ks_distance(std::vector<std::int64_t> samples, const LfrDegreeLaw& law) {
  std::sort(samples.begin(), samples.end());
  double worst = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (i + 1 < samples.size() && samples[i + 1] == samples[i]) continue;
    const double empirical = static_cast<double>(i + 1) / samples.size();
    worst = std::max(worst, std::abs(empirical - law.cdf(samples[i])));
    const double below = static_cast<double>(std::lower_bound(samples.begin(), samples.end(), samples[i]) - samples.begin()) / samples.size();
    worst = std::max(worst, std::abs(below - law.cdf(samples[i] - 1)));
  }
  return worst;
}

}  // namespace

TEST_CASE("lfr: degree law has the requested mean and exponent", "[generators]") {
  const LfrDegreeLaw law(20.0, 100, 2.5);
  CHECK(law.mean() == Approx(20.0).epsilon(1e-9));
  CHECK(law.min_degree() >= 1);
  CHECK(law.cdf(law.min_degree() - 1) == 0.0);
  CHECK(law.cdf(100) == Approx(1.0));
  CHECK_THROWS_AS(LfrDegreeLaw(200.0, 100, 2.5), UsageError);
}

TEST_CASE("lfr: undirected graphs realise mu and both power laws", "[generators]") {
  for (double mu : {0.1, 0.3, 0.5}) {
    LfrParameters p;
    p.nodes = 5000;
    p.average_degree = 20;
    p.max_degree = 60;
    p.tau1 = 2.5;
    p.tau2 = 1.5;
    p.mu = mu;
    p.min_community = 20;
    p.max_community = 100;
    p.seed = 11;
    const LfrGraph g = generate_lfr_graph(p);
    const Measured m = measure(g);
    INFO("mu = " << mu);
    CHECK(std::abs(m.mu_out - mu) < 0.02);

    // Simple graph: no self-loops, no repeated pairs.
    std::set<std::pair<std::uint32_t, std::uint32_t>> pairs;
    for (auto [a, b] : g.edges) {
      CHECK(a != b);
      pairs.insert({std::min(a, b), std::max(a, b)});
    }
    CHECK(pairs.size() == g.edges.size());
    CHECK(g.dropped_half_edges < g.edges.size() / 200);

    // Degrees: mean, bounds, KS distance to the planned law and the fitted exponent.
    const LfrDegreeLaw law(p.average_degree, p.max_degree, p.tau1);
    double mean = 0;
    for (auto k : m.out_degree) mean += static_cast<double>(k) / p.nodes;
    CHECK(std::abs(mean - p.average_degree) < 0.03 * p.average_degree);
    CHECK(*std::max_element(m.out_degree.begin(), m.out_degree.end()) <= p.max_degree);
    CHECK(ks_distance(m.out_degree, law) < 0.03);
    CHECK(std::abs(fit_exponent(m.out_degree, law.min_degree() + 1, p.max_degree) - p.tau1) < 0.2);

    // Community sizes: in bounds, covering all nodes, exponent near tau2.
    std::vector<std::int64_t> sizes(g.community_sizes.begin(), g.community_sizes.end());
    std::int64_t total = 0;
    for (auto s : sizes) {
      total += s;
      CHECK(s >= 20);
      CHECK(s <= 100);
    }
    CHECK(total == p.nodes);
    CHECK(std::abs(fit_exponent(sizes, 20, 100) - p.tau2) < 0.5);
  }
}

TEST_CASE("lfr: directed graphs realise mu on both sides", "[generators]") {
  LfrParameters p;
  p.nodes = 4000;
  p.average_degree = 15;
  p.max_degree = 50;
  p.mu = 0.25;
  p.directed = true;
  p.seed = 5;
  const LfrGraph g = generate_lfr_graph(p);
  const Measured m = measure(g);
  CHECK(std::abs(m.mu_out - p.mu) < 0.03);
  CHECK(std::abs(m.mu_in - p.mu) < 0.03);
  std::set<std::pair<std::uint32_t, std::uint32_t>> pairs(g.edges.begin(), g.edges.end());
  CHECK(pairs.size() == g.edges.size());
  const LfrDegreeLaw law(p.average_degree, p.max_degree, p.tau1);
  CHECK(ks_distance(m.in_degree, law) < 0.04);
  CHECK(ks_distance(m.out_degree, law) < 0.04);
}

TEST_CASE("lfr: network form, truth and determinism", "[generators]") {
  LfrParameters p;
  p.seed = 9;
  const GeneratedNetwork a = generate_lfr(p), b = generate_lfr(p);
  const LfrGraph raw = generate_lfr_graph(p);
  CHECK(a.graph.node_count() == p.nodes);
  CHECK(a.graph.edge_count() == raw.edges.size());
  CHECK(a.graph.fingerprint() == b.graph.fingerprint());
  const auto& community = std::get<Int64Column>(a.truth_table("nodes").column("community").values);
  for (std::uint32_t u = 0; u < p.nodes; ++u) CHECK(community[u] == raw.community[u] + 1);
  p.seed = 10;
  CHECK(generate_lfr(p).graph.fingerprint() != a.graph.fingerprint());
  p.mu = 0.0;
  p.max_community = 20;  // internal degrees up to 50 cannot fit
  CHECK_THROWS_AS(generate_lfr_graph(p), UsageError);
}
