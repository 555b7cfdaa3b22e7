#include "graph/graph.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <numeric>
#include <tuple>

namespace firmnet {

NodeId Graph::edge_source(EdgeId e) const {
  auto it = std::upper_bound(out_offsets.begin(), out_offsets.end(), e);
  return static_cast<NodeId>(it - out_offsets.begin() - 1);
}

void Graph::build_in_adjacency() {
  const NodeId n = node_count();
  const EdgeId m = edge_count();
  in_offsets.assign(std::size_t{n} + 1, 0);
  for (EdgeId e = 0; e < m; ++e) ++in_offsets[out_target[e] + 1];
  std::partial_sum(in_offsets.begin(), in_offsets.end(), in_offsets.begin());
  in_source.resize(m);
  in_edge.resize(m);
  std::vector<EdgeId> next(in_offsets.begin(), in_offsets.end() - 1);
  for (NodeId u = 0; u < n; ++u) {
    for (EdgeId e = out_offsets[u]; e < out_offsets[u + 1]; ++e) {
      const EdgeId slot = next[out_target[e]]++;
      in_source[slot] = u;
      in_edge[slot] = e;
    }
  }
}

namespace {

struct Hasher {
  std::uint64_t h = 0x9e3779b97f4a7c15ULL;
  void word(std::uint64_t w) {
    h ^= w + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
  }
  template <typename T>
  void array(const std::vector<T>& v) {
    word(v.size());
    for (const T& x : v) {
      std::uint64_t w = 0;
      std::memcpy(&w, &x, sizeof(T));
      word(w);
    }
  }
};

}  // namespace

std::uint64_t Graph::fingerprint() const {
  Hasher hash;
  hash.array(out_offsets);
  hash.array(out_target);
  hash.array(edges.type);
  hash.array(edges.weight);
  hash.array(edges.year);
  return hash.h;
}

std::int64_t Graph::find_node(std::string_view id) const {
  if (id_index_.size() != nodes.size()) {
    id_index_.clear();
    id_index_.reserve(nodes.size());
    for (std::size_t i = 0; i < nodes.id.size(); ++i)
      id_index_.emplace(std::string(nodes.id[i]), static_cast<NodeId>(i));
  }
  auto it = id_index_.find(id);
  return it == id_index_.end() ? -1 : static_cast<std::int64_t>(it->second);
}

GraphBuilder::GraphBuilder(NodeTable nodes) : nodes_(std::move(nodes)) {}

void GraphBuilder::set_extra_edge_columns(std::vector<std::string> names) {
  extra_names_ = std::move(names);
  extra_.assign(extra_names_.size(), StringColumnBuilder{});
}

void GraphBuilder::reserve(std::size_t edges) {
  source_.reserve(edges);
  target_.reserve(edges);
  type_.reserve(edges);
  weight_.reserve(edges);
  year_.reserve(edges);
}

void GraphBuilder::add_edge(NodeId source, NodeId target, RelationType type, double weight,
                            std::int16_t year) {
  source_.push_back(source);
  target_.push_back(target);
  type_.push_back(type);
  weight_.push_back(weight);
  year_.push_back(year);
}

void GraphBuilder::add_edge_extras(std::span<const std::string_view> values) {
  for (std::size_t c = 0; c < extra_.size(); ++c)
    extra_[c].push_back(c < values.size() ? values[c] : std::string_view{});
}

namespace {

// values[order[0]], values[order[1]], ...; the input is released on return, so that only one
// array exists twice at any time. O(size of order).
template <typename T, typename Index>
std::vector<T> gather_and_release(std::vector<T>& values, const std::vector<Index>& order) {
  std::vector<T> sorted(order.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t s = 0; s < static_cast<std::int64_t>(order.size()); ++s)
    sorted[static_cast<std::size_t>(s)] = values[order[static_cast<std::size_t>(s)]];
  std::vector<T>().swap(values);
  return sorted;
}

template <typename T>
void truncate(std::vector<T>& values, std::size_t size) {
  values.resize(size);
  values.shrink_to_fit();
}

}  // namespace

Graph GraphBuilder::finish(BuildStats* stats) && {
  // A 4-byte edge order whenever it can index the input: the order is the largest array of
  // the build besides the edge data itself.
  return source_.size() <= std::numeric_limits<std::uint32_t>::max() ? std::move(*this).finish_with<std::uint32_t>(stats)
                                                                      : std::move(*this).finish_with<std::uint64_t>(stats);
}

template <typename Index>
Graph GraphBuilder::finish_with(BuildStats* stats) && {
  const std::size_t n = nodes_.size();
  const std::size_t m_in = source_.size();
  BuildStats local;

  // Counting sort by source (stable), leaving self-loops out.
  std::vector<EdgeId> offsets(n + 1, 0);
  for (std::size_t i = 0; i < m_in; ++i) {
    if (source_[i] == target_[i])
      ++local.self_loops_dropped;
    else
      ++offsets[source_[i] + 1];
  }
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  std::vector<Index> order(offsets[n]);
  {
    std::vector<EdgeId> next(offsets.begin(), offsets.end() - 1);
    for (std::size_t i = 0; i < m_in; ++i)
      if (source_[i] != target_[i]) order[next[source_[i]]++] = static_cast<Index>(i);
  }
  std::vector<NodeId>().swap(source_);

  // Within each source: sort by (target, type, year, input position).
#pragma omp parallel for schedule(dynamic, 1024)
  for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u)
    std::sort(order.begin() + static_cast<std::ptrdiff_t>(offsets[u]), order.begin() + static_cast<std::ptrdiff_t>(offsets[u + 1]),
              [&](Index a, Index b) {
                return std::tie(target_[a], type_[a], year_[a], a) < std::tie(target_[b], type_[b], year_[b], b);
              });

  // The edge data in that order, one array at a time: the peak is the input, the order and
  // one sorted array, about the size of the finished graph, rather than input plus output.
  Graph g;
  g.out_target = gather_and_release(target_, order);
  g.edges.type = gather_and_release(type_, order);
  g.edges.weight = gather_and_release(weight_, order);
  g.edges.year = gather_and_release(year_, order);

  // Merge runs of equal (source, target, type, year) in place into their first occurrence,
  // summing weights in input order. Writes never pass reads, so one forward pass suffices.
  g.out_offsets.assign(n + 1, 0);
  EdgeId out = 0;
  for (std::size_t u = 0; u < n; ++u) {
    for (EdgeId s = offsets[u]; s < offsets[u + 1]; ++s) {
      const bool repeat = s > offsets[u] && g.out_target[s] == g.out_target[out - 1] &&
                          g.edges.type[s] == g.edges.type[out - 1] && g.edges.year[s] == g.edges.year[out - 1];
      if (repeat) {
        g.edges.weight[out - 1] += g.edges.weight[s];
        continue;
      }
      g.out_target[out] = g.out_target[s];
      g.edges.type[out] = g.edges.type[s];
      g.edges.weight[out] = g.edges.weight[s];
      g.edges.year[out] = g.edges.year[s];
      order[out] = order[s];  // the first occurrence, for the extra columns
      ++out;
    }
    g.out_offsets[u + 1] = out;
  }
  local.duplicates_merged = offsets[n] - out;
  truncate(g.out_target, out);
  truncate(g.edges.type, out);
  truncate(g.edges.weight, out);
  truncate(g.edges.year, out);
  std::vector<std::uint64_t> first_occurrence;  // only the extra columns need it
  if (!extra_.empty()) first_occurrence.assign(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(out));
  std::vector<Index>().swap(order);
  for (std::size_t c = 0; c < extra_.size(); ++c) {
    ExtraColumn text{extra_names_[c], std::move(extra_[c]).finish()};
    g.edges.extra.push_back(permute_column(text, first_occurrence));
  }
  g.nodes = std::move(nodes_);
  g.build_in_adjacency();
  if (stats) *stats = local;
  return g;
}

double located_firm_share(const NodeTable& nodes) {
  std::size_t firms = 0, located = 0;
  for (NodeId u = 0; u < nodes.size(); ++u)
    if (nodes.kind[u] == NodeKind::firm) {
      ++firms;
      located += nodes.located(u);
    }
  return firms == 0 ? 0.0 : static_cast<double>(located) / static_cast<double>(firms);
}

}  // namespace firmnet
