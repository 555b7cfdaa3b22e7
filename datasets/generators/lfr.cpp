#include "datasets/generators/lfr.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "graph/errors.hpp"

namespace firmnet::generators {

namespace {

// Largest k_min in [1, max_degree] whose truncated power law has mean <= average. O(k log k).
std::int64_t lfr_min_degree(double average, std::int64_t max_degree, double tau1) {
  if (average < 1 || average >= static_cast<double>(max_degree))
    throw UsageError("lfr: --average-degree must be in [1, max degree)");
  if (DiscretePowerLaw(1, max_degree, tau1).mean() > average)
    throw UsageError("lfr: even a minimum degree of 1 gives a mean above --average-degree; raise tau1 or the average");
  std::int64_t lo = 1, hi = max_degree;  // mean(lo) <= average
  while (lo < hi) {
    const std::int64_t mid = lo + (hi - lo + 1) / 2;
    if (DiscretePowerLaw(mid, max_degree, tau1).mean() <= average)
      lo = mid;
    else
      hi = mid - 1;
  }
  return lo;
}

constexpr int kSwapAttempts = 100;

// Step 5 for one set of edges: pairs half-edges, then repairs invalid or repeated pairs by degree-
// preserving swaps with random other edges of the same set. `allowed(a, b)` says whether a
// pair may exist (not a self-loop; for external edges also not within one community).
// Returns the valid edges; adds the number of dropped pairs to dropped.
template <typename Allowed>
std::vector<std::pair<std::uint32_t, std::uint32_t>> match_half_edges(std::vector<std::uint32_t> out_ends,
                                                                 std::vector<std::uint32_t> in_ends, bool directed,
                                                                 Allowed&& allowed, Rng& rng,
                                                                 std::uint64_t& dropped) {
  std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
  if (directed) {
    rng.shuffle(in_ends);
    for (std::size_t i = 0; i < out_ends.size(); ++i) edges.emplace_back(out_ends[i], in_ends[i]);
  } else {
    rng.shuffle(out_ends);
    for (std::size_t i = 0; i + 1 < out_ends.size(); i += 2) edges.emplace_back(out_ends[i], out_ends[i + 1]);
  }
  auto key = [directed](std::uint32_t a, std::uint32_t b) {
    if (!directed && a > b) std::swap(a, b);
    return (static_cast<std::uint64_t>(a) << 32) | b;
  };
  std::unordered_map<std::uint64_t, std::uint32_t> count;
  count.reserve(edges.size() * 2);
  for (const auto& [a, b] : edges)
    if (allowed(a, b)) ++count[key(a, b)];
  auto good = [&](std::size_t i) {
    const auto [a, b] = edges[i];
    return allowed(a, b) && count[key(a, b)] == 1;
  };
  auto fits = [&](std::uint32_t a, std::uint32_t b) {
    if (!allowed(a, b)) return false;
    const auto it = count.find(key(a, b));
    return it == count.end() || it->second == 0;
  };
  std::vector<std::size_t> bad;
  for (std::size_t i = 0; i < edges.size(); ++i)
    if (!good(i)) bad.push_back(i);
  for (std::size_t i : bad) {
    if (good(i)) continue;  // fixed as the partner of an earlier swap
    for (int attempt = 0; attempt < kSwapAttempts; ++attempt) {
      const std::size_t j = rng.below(edges.size());
      if (j == i) continue;
      auto [a, b] = edges[i];
      auto [c, d] = edges[j];
      // Undirected edges may swap either end; directed ones exchange targets.
      if (!directed && rng.bernoulli(0.5)) std::swap(c, d);
      const std::pair<std::uint32_t, std::uint32_t> first{a, d}, second{c, b};
      if (!fits(first.first, first.second) || !fits(second.first, second.second) ||
          key(first.first, first.second) == key(second.first, second.second))
        continue;
      for (const auto& [x, y] : {edges[i], edges[j]})
        if (allowed(x, y)) --count[key(x, y)];
      edges[i] = first;
      edges[j] = second;
      ++count[key(first.first, first.second)];
      ++count[key(second.first, second.second)];
      break;
    }
  }
  std::vector<std::pair<std::uint32_t, std::uint32_t>> kept;
  kept.reserve(edges.size());
  for (const auto& [a, b] : edges) {
    if (!allowed(a, b)) {
      ++dropped;
      continue;
    }
    auto& c = count[key(a, b)];
    if (c == 0) {  // a repeated pair whose first copy was kept already
      ++dropped;
      continue;
    }
    c = 0;
    kept.emplace_back(a, b);
  }
  return kept;
}

// Whether every node can sit in a community larger than its need (internal degree): the
// eligible sets are nested, so placing needs in descending order greedily is exact.
// needs must be sorted descending. O(C log C + n).
bool placement_feasible(std::vector<std::int64_t> sizes, const std::vector<std::int64_t>& needs) {
  std::sort(sizes.begin(), sizes.end(), std::greater<>());
  std::int64_t capacity = 0, placed = 0;
  std::size_t next = 0;
  for (const std::int64_t need : needs) {
    while (next < sizes.size() && sizes[next] > need) capacity += sizes[next++];
    if (++placed > capacity) return false;
  }
  return true;
}

// Stochastic rounding keeps the expected internal degree at exactly (1 - mu) k.
std::int64_t internal_part(std::int64_t degree, double mu, Rng& rng) {
  const double x = (1.0 - mu) * static_cast<double>(degree);
  const double floor_x = std::floor(x);
  return static_cast<std::int64_t>(floor_x) + (rng.bernoulli(x - floor_x) ? 1 : 0);
}

}  // namespace

LfrDegreeLaw::LfrDegreeLaw(double average, std::int64_t max_degree, double tau1)
    : LfrDegreeLaw(average, lfr_min_degree(average, max_degree, tau1), max_degree, tau1) {}

LfrDegreeLaw::LfrDegreeLaw(double average, std::int64_t min_degree, std::int64_t max_degree, double tau1)
    : lower_(min_degree, max_degree, tau1), upper_(std::min(min_degree + 1, max_degree), max_degree, tau1) {
  const double low = lower_.mean(), high = upper_.mean();
  lower_weight_ = high > low ? std::clamp((high - average) / (high - low), 0.0, 1.0) : 1.0;
}

void validate(const LfrParameters& p) {
  auto require = [](bool ok, const char* message) {
    if (!ok) throw UsageError(std::string("lfr: ") + message);
  };
  require(p.nodes >= 10, "--nodes must be >= 10");
  require(p.mu >= 0 && p.mu <= 1, "--mu must be in [0, 1]");
  require(p.tau1 > 1, "--tau1 must be > 1");
  require(p.tau2 >= 0, "--tau2 must be >= 0");
  require(p.max_degree >= 2 && p.max_degree < p.nodes, "--max-degree must be in [2, nodes)");
  require(p.max_community == 0 || p.max_community <= p.nodes, "--max-community must be <= nodes");
  require(p.min_community == 0 || p.max_community == 0 || p.min_community <= p.max_community,
          "--min-community must be <= --max-community");
}

LfrGraph generate_lfr_graph(const LfrParameters& p) {
  validate(p);
  Rng rng(p.seed);
  const std::uint32_t n = p.nodes;
  const LfrDegreeLaw law(p.average_degree, p.max_degree, p.tau1);
  const std::int64_t k_max = p.max_degree;

  // Step 1: degrees (directed: in and out, balanced to the same total).
  std::vector<std::int64_t> out_degree(n), in_degree(n);
  for (auto& k : out_degree) k = law.draw(rng);
  if (p.directed) {
    for (auto& k : in_degree) k = law.draw(rng);
    std::int64_t difference = 0;
    for (std::uint32_t u = 0; u < n; ++u) difference += out_degree[u] - in_degree[u];
    // Raise random nodes on the smaller side (the law's mean is unchanged to O(1/sqrt n)).
    auto& smaller = difference > 0 ? in_degree : out_degree;
    for (std::int64_t left = std::abs(difference); left > 0;) {
      auto& k = smaller[rng.below(n)];
      if (k < k_max) ++k, --left;
    }
  } else {
    std::int64_t total = 0;
    for (auto k : out_degree) total += k;
    if (total % 2 != 0) {
      for (;;) {
        auto& k = out_degree[rng.below(n)];
        if (k < k_max) {
          ++k;
          break;
        }
      }
    }
  }

  // Step 2: internal parts.
  std::vector<std::int64_t> internal_out(n), internal_in(n, 0);
  for (std::uint32_t u = 0; u < n; ++u) {
    internal_out[u] = internal_part(out_degree[u], p.mu, rng);
    if (p.directed) internal_in[u] = internal_part(in_degree[u], p.mu, rng);
  }
  auto room_needed = [&](std::uint32_t u) { return std::max(internal_out[u], internal_in[u]); };

  // Step 3: community sizes covering n.
  const std::int64_t s_min = p.min_community ? p.min_community : law.min_degree();
  const std::int64_t s_max = p.max_community ? p.max_community : p.max_degree;
  if (s_min > s_max) throw UsageError("lfr: the minimum community size exceeds the maximum");
  std::int64_t most_internal = 0;
  for (std::uint32_t u = 0; u < n; ++u) most_internal = std::max(most_internal, room_needed(u));
  if (most_internal >= s_max)
    throw UsageError("lfr: a node's internal degree (" + std::to_string(most_internal) +
                     ") does not fit the largest community (" + std::to_string(s_max) +
                     "); raise --max-community or --mu, or lower --max-degree");
  const DiscretePowerLaw size_law(s_min, s_max, p.tau2);
  std::vector<std::int64_t> needs(n);
  for (std::uint32_t u = 0; u < n; ++u) needs[u] = room_needed(u);
  std::sort(needs.begin(), needs.end(), std::greater<>());
  std::vector<std::int64_t> sizes;
  for (int attempt = 0;; ++attempt) {
    if (attempt == 1000)
      throw UsageError("lfr: no community sizes found that cover the nodes and leave room for every internal "
                       "degree; raise --max-community or --mu, or lower --max-degree");
    sizes.clear();
    std::int64_t total = 0;
    while (total < n) total += sizes.emplace_back(size_law.draw(rng));
    std::int64_t excess = total - n, reducible = 0;
    for (auto s : sizes) reducible += s - s_min;
    if (reducible < excess) continue;
    while (excess > 0) {
      auto& s = sizes[rng.below(sizes.size())];
      if (s > s_min) --s, --excess;
    }
    if (placement_feasible(sizes, needs)) break;
  }

  // Step 4: assignment with eviction.
  const std::size_t communities = sizes.size();
  std::vector<std::vector<std::uint32_t>> members(communities);
  std::vector<std::uint32_t> community(n);
  std::vector<std::uint32_t> homeless(n);
  for (std::uint32_t u = 0; u < n; ++u) homeless[u] = u;
  rng.shuffle(homeless);
  const std::uint64_t step_limit = 200ull * n + 1000000;
  for (std::uint64_t step = 0; !homeless.empty(); ++step) {
    if (step == step_limit)
      throw UsageError("lfr: could not place every node in a community large enough for it; "
                       "raise --max-community or lower --max-degree");
    const std::uint32_t u = homeless.back();
    homeless.pop_back();
    std::size_t c;
    do c = rng.below(communities);
    while (sizes[c] <= room_needed(u));
    members[c].push_back(u);
    community[u] = static_cast<std::uint32_t>(c);
    if (static_cast<std::int64_t>(members[c].size()) > sizes[c]) {
      const std::size_t evict = rng.below(members[c].size() - 1);  // anyone but the newcomer
      homeless.push_back(members[c][evict]);
      members[c][evict] = members[c].back();
      members[c].pop_back();
    }
  }

  // Internal half-edge totals must balance per community: undirected even, directed out == in.
  for (std::size_t c = 0; c < communities; ++c) {
    auto& list = members[c];
    const std::int64_t size = static_cast<std::int64_t>(list.size());
    auto sum_of = [&](const std::vector<std::int64_t>& part) {
      std::int64_t s = 0;
      for (auto u : list) s += part[u];
      return s;
    };
    if (!p.directed) {
      if (sum_of(internal_out) % 2 == 0) continue;
      // Move one half-edge between internal and external on a node that can take it.
      for (auto u : list) {
        if (internal_out[u] + 1 < size && internal_out[u] < out_degree[u]) {
          ++internal_out[u];
          break;
        }
        if (internal_out[u] > 0) {
          --internal_out[u];
          break;
        }
      }
    } else {
      // Lower the larger side or raise the smaller one with equal chance, so that the
      // expected internal share stays 1 - mu.
      std::int64_t difference = sum_of(internal_out) - sum_of(internal_in);
      for (std::size_t i = 0; difference != 0 && i < 64 * list.size() + 64; ++i) {
        const auto u = list[rng.below(list.size())];
        auto& larger = difference > 0 ? internal_out : internal_in;
        auto& smaller = difference > 0 ? internal_in : internal_out;
        const auto& smaller_degree = difference > 0 ? in_degree : out_degree;
        const std::int64_t step = difference > 0 ? -1 : 1;
        if (rng.bernoulli(0.5)) {
          if (larger[u] > 0) --larger[u], difference += step;
        } else if (smaller[u] < smaller_degree[u] && smaller[u] + 1 < size) {
          ++smaller[u], difference += step;
        }
      }
    }
  }

  LfrGraph graph;
  graph.nodes = n;
  graph.directed = p.directed;
  graph.community = community;
  for (const auto& list : members) graph.community_sizes.push_back(static_cast<std::uint32_t>(list.size()));

  // Step 5: internal configuration models, then the external one.
  for (std::size_t c = 0; c < communities; ++c) {
    std::vector<std::uint32_t> out_ends, in_ends;
    for (auto u : members[c]) {
      out_ends.insert(out_ends.end(), static_cast<std::size_t>(internal_out[u]), u);
      if (p.directed) in_ends.insert(in_ends.end(), static_cast<std::size_t>(internal_in[u]), u);
    }
    auto internal = match_half_edges(std::move(out_ends), std::move(in_ends), p.directed,
                                [](std::uint32_t a, std::uint32_t b) { return a != b; }, rng, graph.dropped_half_edges);
    graph.edges.insert(graph.edges.end(), internal.begin(), internal.end());
  }
  std::vector<std::uint32_t> out_ends, in_ends;
  for (std::uint32_t u = 0; u < n; ++u) {
    out_ends.insert(out_ends.end(), static_cast<std::size_t>(out_degree[u] - internal_out[u]), u);
    if (p.directed) in_ends.insert(in_ends.end(), static_cast<std::size_t>(in_degree[u] - internal_in[u]), u);
  }
  if (!p.directed && out_ends.size() % 2 == 1) {
    out_ends.pop_back();
    ++graph.dropped_half_edges;
  }
  if (p.directed) {
    // Per-community balancing moved half-edges between internal and external; trim the longer side.
    auto trim = [&](std::vector<std::uint32_t>& longer, std::size_t target) {
      while (longer.size() > target) {
        std::swap(longer[rng.below(longer.size())], longer.back());
        longer.pop_back();
        ++graph.dropped_half_edges;
      }
    };
    trim(out_ends, in_ends.size());
    trim(in_ends, out_ends.size());
  }
  auto external = match_half_edges(
      std::move(out_ends), std::move(in_ends), p.directed,
      [&](std::uint32_t a, std::uint32_t b) { return community[a] != community[b]; }, rng, graph.dropped_half_edges);
  graph.edges.insert(graph.edges.end(), external.begin(), external.end());
  return graph;
}

GeneratedNetwork generate_lfr(const LfrParameters& p) {
  LfrGraph lfr = generate_lfr_graph(p);
  NodeTableBuilder nodes;
  for (std::uint32_t u = 0; u < lfr.nodes; ++u) {
    NodeRow row;
    row.id = "v" + std::to_string(u + 1);
    nodes.add(row);
  }
  GraphBuilder builder(std::move(nodes).finish());
  builder.reserve(lfr.edges.size());
  const RelationType type = p.directed ? RelationType::supply : RelationType::cooperation;
  for (const auto& [a, b] : lfr.edges) builder.add_edge(a, b, type, 1.0);
  GeneratedNetwork out;
  out.graph = std::move(builder).finish();
  Int64Column community(lfr.nodes);
  for (std::uint32_t u = 0; u < lfr.nodes; ++u) community[u] = lfr.community[u] + 1;
  out.truth.push_back({"nodes", true, {ExtraColumn{"community", std::move(community)}}});
  out.parameters = {{"nodes", std::to_string(p.nodes)},
                    {"average_degree", parameter_text(p.average_degree)},
                    {"max_degree", std::to_string(p.max_degree)},
                    {"tau1", parameter_text(p.tau1)},
                    {"tau2", parameter_text(p.tau2)},
                    {"mu", parameter_text(p.mu)},
                    {"min_community", std::to_string(p.min_community)},
                    {"max_community", std::to_string(p.max_community)},
                    {"directed", p.directed ? "true" : "false"},
                    {"seed", std::to_string(p.seed)}};
  return out;
}

}  // namespace firmnet::generators
