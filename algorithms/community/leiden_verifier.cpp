#include "algorithms/community/leiden_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <vector>

#include "graph/geo_distance.hpp"

namespace firmnet::community {

namespace {

constexpr double kMaxSpatialPairs = 4e7;  // pairwise recomputation of Q_spa up to this many pairs

/// Per-community totals recomputed from the membership.
struct CommunityTotals {
  std::vector<double> internal;  // e_c, each pair once
  std::vector<double> volume;    // sum of member strengths
  std::vector<double> size;      // n_c
  std::vector<double> strength;  // per node
  double two_m = 0;
};

CommunityTotals community_totals(const WeightedCsr& graph, const Membership& membership, std::size_t k) {
  CommunityTotals t;
  t.internal.assign(k, 0.0);
  t.volume.assign(k, 0.0);
  t.size.assign(k, 0.0);
  t.strength.assign(graph.node_count(), 0.0);
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    const auto c = static_cast<std::size_t>(membership[u]);
    t.size[c] += 1;
    for (EdgeId e = graph.offsets[u]; e < graph.offsets[u + 1]; ++e) {
      const double w = graph.weights[e];
      t.strength[u] += w;
      t.volume[c] += w;
      t.two_m += w;
      if (membership[graph.targets[e]] == membership[u]) t.internal[c] += w / 2;  // seen from both ends
    }
  }
  return t;
}

/// Contribution of one community to the objective, by the formulas in the header.
double community_term(Objective objective, double resolution, double two_m, double internal, double volume,
                      double size) {
  if (objective == Objective::cpm) return internal - resolution * size * (size - 1) / 2;
  if (two_m <= 0) return 0.0;
  return (2 * internal - resolution * volume * volume / two_m) / two_m;
}

/// Null term of the spatial modularity, sum over ordered pairs (i, j) inside each community of
/// N_i N_j f(d_ij), pair by pair with haversine distances and f.at(); unlocated ends use f_u.
/// Exact for exact sites only (the fit's cell_km = 0). O(sum_c n_c^2 log B).
double spatial_null_pairwise(const Membership& membership, std::size_t k, const std::vector<double>& strength,
                             Coordinates coordinates, const DeterrenceFunction& f) {
  std::vector<std::vector<NodeId>> members(k);
  for (NodeId u = 0; u < membership.size(); ++u) members[static_cast<std::size_t>(membership[u])].push_back(u);
  auto located = [&](NodeId u) { return std::isfinite(coordinates.lat[u]) && std::isfinite(coordinates.lon[u]); };
  double null_term = 0;
  for (const auto& nodes : members)
    for (NodeId i : nodes)
      for (NodeId j : nodes) {
        const double value = located(i) && located(j)
                                 ? f.at(haversine_km(coordinates.lat[i], coordinates.lon[i], coordinates.lat[j],
                                                     coordinates.lon[j]))
                                 : f.unlocated_value;
        null_term += strength[i] * strength[j] * value;
      }
  return null_term;
}

/// Labels in 0..k-1, all used, sizes non-increasing. False when the labels are unusable.
bool check_labels(const Membership& membership, std::int64_t k, NodeId n, Verification& out) {
  if (membership.size() != n) {
    out.fail("membership has " + std::to_string(membership.size()) + " entries for " + std::to_string(n) + " nodes");
    return false;
  }
  if (k < 0 || (n > 0 && k == 0)) {
    out.fail("community_count " + std::to_string(k) + " for " + std::to_string(n) + " nodes");
    return false;
  }
  bool usable = true;
  std::vector<std::uint64_t> size(static_cast<std::size_t>(k), 0);
  for (NodeId u = 0; u < n; ++u) {
    if (membership[u] < 0 || membership[u] >= k) {
      out.fail("node " + std::to_string(u) + " has label " + std::to_string(membership[u]) + ", outside 0.." +
               std::to_string(k - 1));
      usable = false;
    } else {
      ++size[static_cast<std::size_t>(membership[u])];
    }
  }
  for (std::size_t c = 0; c < size.size(); ++c) {
    if (size[c] == 0) out.fail("community " + std::to_string(c) + " has no member");
    if (c > 0 && size[c] > size[c - 1])
      out.fail("community " + std::to_string(c) + " (" + std::to_string(size[c]) + " nodes) is larger than community " +
               std::to_string(c - 1) + " (" + std::to_string(size[c - 1]) + ")");
  }
  return usable;
}

/// Every community is one connected piece: a BFS from its first member inside it reaches all.
void check_connected(const WeightedCsr& graph, const Membership& membership, std::size_t k, Verification& out) {
  const NodeId n = graph.node_count();
  std::vector<std::uint8_t> reached(n, 0);
  std::vector<std::uint32_t> pieces(k, 0);
  for (NodeId start = 0; start < n; ++start) {
    if (reached[start]) continue;
    const std::int64_t c = membership[start];
    if (++pieces[static_cast<std::size_t>(c)] == 2)
      out.fail("community " + std::to_string(c) + " is disconnected: node " + std::to_string(start) +
               " is not reachable inside it from its first member");
    std::deque<NodeId> queue{start};
    reached[start] = 1;
    while (!queue.empty()) {
      const NodeId u = queue.front();
      queue.pop_front();
      for (EdgeId e = graph.offsets[u]; e < graph.offsets[u + 1]; ++e) {
        const NodeId v = graph.targets[e];
        if (membership[v] == c && !reached[v]) {
          reached[v] = 1;
          queue.push_back(v);
        }
      }
    }
  }
}

/// No single move of a sampled node gains more than `margin`.
void check_single_moves(const WeightedCsr& graph, const LeidenOptions& options, const Membership& membership,
                        const CommunityTotals& t, const std::vector<NodeId>& nodes, double margin,
                        Verification& out) {
  auto term = [&](double internal, double volume, double size) {
    return community_term(options.objective, options.resolution, t.two_m, internal, volume, size);
  };
  for (NodeId v : nodes) {
    std::map<std::int64_t, double> to_community;  // weight from v to each neighbouring community
    for (EdgeId e = graph.offsets[v]; e < graph.offsets[v + 1]; ++e)
      to_community[membership[graph.targets[e]]] += graph.weights[e];
    const auto a = static_cast<std::size_t>(membership[v]);
    const double to_own = to_community.count(membership[v]) ? to_community[membership[v]] : 0.0;
    const double leave = term(t.internal[a] - to_own, t.volume[a] - t.strength[v], t.size[a] - 1) -
                         term(t.internal[a], t.volume[a], t.size[a]);
    // A new community of its own: empty before, v alone after.
    double best_gain = t.size[a] > 1 ? leave + term(0, t.strength[v], 1) - term(0, 0, 0) : 0.0;
    std::int64_t best_to = -1;
    for (const auto& [b, weight] : to_community) {
      if (b == membership[v]) continue;
      const auto bi = static_cast<std::size_t>(b);
      const double gain = leave + term(t.internal[bi] + weight, t.volume[bi] + t.strength[v], t.size[bi] + 1) -
                          term(t.internal[bi], t.volume[bi], t.size[bi]);
      if (gain > best_gain) {
        best_gain = gain;
        best_to = b;
      }
    }
    if (best_gain > margin)
      out.fail("moving node " + std::to_string(v) + " from community " + std::to_string(membership[v]) +
               (best_to < 0 ? " to a new community" : " to community " + std::to_string(best_to)) +
               " raises the quality by " + number_text(best_gain) + " (> " + number_text(margin) + ")");
  }
}

}  // namespace

Verification verify_leiden(const WeightedCsr& graph, const LeidenOptions& options, const LeidenResult& result,
                           std::size_t move_sample) {
  Verification out;
  const NodeId n = graph.node_count();
  if (!check_labels(result.membership, result.community_count, n, out)) return out;
  const auto k = static_cast<std::size_t>(result.community_count);
  if (options.refine)
    check_connected(graph, result.membership, k, out);
  else
    out.notes.push_back("community connectivity not checked: Louvain does not guarantee it");

  const CommunityTotals totals = community_totals(graph, result.membership, k);
  if (options.objective == Objective::spatial_modularity) {
    if (!options.deterrence) {
      out.fail("spatial modularity without its deterrence function");
      return out;
    }
    double pairs = 0;
    for (double size : totals.size) pairs += size * size;
    if (options.deterrence->cell_km > 0 || pairs > kMaxSpatialPairs) {
      out.notes.push_back("spatial modularity not recomputed: " +
                          std::string(options.deterrence->cell_km > 0 ? "grid sites" : "communities too large for the pairwise sum"));
    } else if (totals.two_m > 0) {
      double internal = 0;
      for (double e : totals.internal) internal += 2 * e;
      const double null_term =
          spatial_null_pairwise(result.membership, k, totals.strength, options.coordinates, *options.deterrence);
      out.expect_close("spatial modularity", result.quality, (internal - options.resolution * null_term) / totals.two_m,
                       1e-9, 1e-12);
    }
    out.notes.push_back("single-move check skipped: it covers modularity and CPM only");
    return out;
  }
  double quality = 0;
  for (std::size_t c = 0; c < k; ++c)
    quality += community_term(options.objective, options.resolution, totals.two_m, totals.internal[c],
                              totals.volume[c], totals.size[c]);
  const double absolute = options.objective == Objective::cpm ? 1e-12 * std::max(1.0, totals.two_m) : 1e-12;
  out.expect_close(std::string(objective_name(options.objective)), result.quality, quality, 1e-9, absolute);

  const bool converged = options.max_iterations <= 0 || result.iterations < options.max_iterations;
  if (!converged) {
    out.notes.push_back("single-move check skipped: the run stopped at its iteration cap");
    return out;
  }
  if (options.pass_stop_fraction > 0) {
    out.notes.push_back("single-move check skipped: local moving stopped early (pass_stop_fraction)");
    return out;
  }
  const std::vector<NodeId> nodes = sample_nodes(n, move_sample, options.seed);
  if (nodes.size() < n)
    out.notes.push_back("single moves checked on " + std::to_string(nodes.size()) + " of " + std::to_string(n) +
                        " nodes");
  const double margin = options.tolerance * std::abs(quality) + absolute;
  check_single_moves(graph, options, result.membership, totals, nodes, margin, out);
  return out;
}

}  // namespace firmnet::community
