#include "graph/views.hpp"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "graph/errors.hpp"

namespace firmnet {

bool EdgeFilter::all() const { return *this == EdgeFilter{}; }

EdgeFilter EdgeFilter::of_types(std::initializer_list<RelationType> types) {
  EdgeFilter f;
  f.type_mask = 0;
  for (RelationType t : types) f.type_mask |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(t));
  return f;
}

namespace {

std::int16_t parse_year(std::string_view text, std::string_view whole) {
  int year = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (ec != std::errc{} || ptr != text.data() + text.size() || year < 1 || year > 9999)
    throw UsageError("invalid --years '" + std::string(whole) + "': '" + std::string(text) +
                     "' is not a year (1-9999)");
  return static_cast<std::int16_t>(year);
}

}  // namespace

EdgeFilter EdgeFilter::parse(std::string_view layers, std::string_view years) {
  EdgeFilter f;
  if (!layers.empty() && layers != "all") {
    f.type_mask = 0;
    std::size_t start = 0;
    while (start <= layers.size()) {
      std::size_t comma = layers.find(',', start);
      if (comma == std::string_view::npos) comma = layers.size();
      const std::string_view word = layers.substr(start, comma - start);
      auto type = parse_relation_type(word);
      if (!type) throw UsageError("unknown relation type '" + std::string(word) + "' in --layers");
      f.type_mask |= static_cast<std::uint16_t>(1u << static_cast<unsigned>(*type));
      start = comma + 1;
    }
  }
  if (!years.empty()) {
    const std::size_t dash = years.find('-');
    if (dash == std::string_view::npos) {
      f.year_from = f.year_to = parse_year(years, years);
    } else {
      if (dash > 0) f.year_from = parse_year(years.substr(0, dash), years);
      if (dash + 1 < years.size()) f.year_to = parse_year(years.substr(dash + 1), years);
      if (dash == 0 && dash + 1 == years.size())
        throw UsageError("invalid --years '-': give a year or a range such as 2015-2020");
    }
    if (f.year_from > f.year_to) throw UsageError("invalid --years '" + std::string(years) + "': empty range");
    f.keep_undated = false;
  }
  return f;
}

std::string EdgeFilter::describe() const {
  std::string out = "types=";
  if (type_mask == EdgeFilter{}.type_mask) {
    out += "all";
  } else {
    bool first = true;
    for (std::size_t t = 0; t < kRelationTypeCount; ++t) {
      if (!(type_mask >> t & 1u)) continue;
      if (!first) out += ',';
      out += relation_type_names()[t];
      first = false;
    }
  }
  out += " years=";
  const bool from_open = year_from == EdgeFilter{}.year_from, to_open = year_to == EdgeFilter{}.year_to;
  if (from_open && to_open) {
    out += "all";
  } else {
    if (!from_open) out += std::to_string(year_from);
    out += '-';
    if (!to_open) out += std::to_string(year_to);
    if (!keep_undated) out += " (undated excluded)";
  }
  return out;
}

GraphView GraphView::with_nodes(const std::vector<std::uint8_t>& member) const {
  GraphView v = *this;
  v.member_ = &member;
  return v;
}

double WeightedCsr::total_weight() const { return std::accumulate(weights.begin(), weights.end(), 0.0); }

namespace {

// Builds a CSR whose row u lists the neighbours produced by visit(u, emit) with weights summed.
// Rows are filled in place at an upper-bound offset, sorted and merged, then compacted.
template <typename Visit>
WeightedCsr build_csr(NodeId n, const std::vector<EdgeId>& upper_bound_degree, Visit visit) {
  std::vector<EdgeId> bound(std::size_t{n} + 1, 0);
  std::partial_sum(upper_bound_degree.begin(), upper_bound_degree.end(), bound.begin() + 1);
  std::vector<std::pair<NodeId, double>> scratch(bound[n]);
  std::vector<EdgeId> actual(std::size_t{n} + 1, 0);
#pragma omp parallel for schedule(dynamic, 1024)
  for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u) {
    auto* row = scratch.data() + bound[u];
    std::size_t len = 0;
    visit(static_cast<NodeId>(u), [&](NodeId v, double w) { row[len++] = {v, w}; });
    std::sort(row, row + len, [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t out = 0;
    for (std::size_t i = 0; i < len; ++i) {
      if (out > 0 && row[out - 1].first == row[i].first)
        row[out - 1].second += row[i].second;
      else
        row[out++] = row[i];
    }
    actual[u + 1] = out;
  }
  std::partial_sum(actual.begin(), actual.end(), actual.begin());
  WeightedCsr csr;
  csr.offsets = std::move(actual);
  csr.targets.resize(csr.offsets[n]);
  csr.weights.resize(csr.offsets[n]);
#pragma omp parallel for schedule(dynamic, 1024)
  for (std::int64_t u = 0; u < static_cast<std::int64_t>(n); ++u) {
    const auto* row = scratch.data() + bound[u];
    for (EdgeId i = 0; i < csr.offsets[u + 1] - csr.offsets[u]; ++i) {
      csr.targets[csr.offsets[u] + i] = row[i].first;
      csr.weights[csr.offsets[u] + i] = row[i].second;
    }
  }
  return csr;
}

}  // namespace

WeightedCsr directed_csr(const GraphView& view) {
  const Graph& g = view.graph();
  std::vector<EdgeId> deg(g.node_count());
  for (NodeId u = 0; u < g.node_count(); ++u) deg[u] = view.contains(u) ? g.out_degree(u) : 0;
  return build_csr(g.node_count(), deg, [&](NodeId u, auto emit) {
    if (view.contains(u)) view.for_out_edges(u, [&](NodeId v, EdgeId, double w) { emit(v, w); });
  });
}

WeightedCsr reverse_csr(const GraphView& view) {
  const Graph& g = view.graph();
  std::vector<EdgeId> deg(g.node_count());
  for (NodeId u = 0; u < g.node_count(); ++u) deg[u] = view.contains(u) ? g.in_degree(u) : 0;
  return build_csr(g.node_count(), deg, [&](NodeId u, auto emit) {
    if (view.contains(u)) view.for_in_edges(u, [&](NodeId v, EdgeId, double w) { emit(v, w); });
  });
}

WeightedCsr undirected_projection(const GraphView& view) {
  const Graph& g = view.graph();
  std::vector<EdgeId> deg(g.node_count());
  for (NodeId u = 0; u < g.node_count(); ++u)
    deg[u] = view.contains(u) ? g.out_degree(u) + g.in_degree(u) : 0;
  return build_csr(g.node_count(), deg, [&](NodeId u, auto emit) {
    if (!view.contains(u)) return;
    view.for_out_edges(u, [&](NodeId v, EdgeId, double w) { emit(v, w); });
    view.for_in_edges(u, [&](NodeId v, EdgeId, double w) { emit(v, w); });
  });
}

namespace {

template <typename T>
std::vector<T> pick(const std::vector<T>& values, const std::vector<NodeId>& rows) {
  std::vector<T> out;
  out.reserve(rows.size());
  for (NodeId r : rows) out.push_back(values[r]);
  return out;
}

StringColumn pick(const StringColumn& column, const std::vector<NodeId>& rows) {
  return {pick(column.codes, rows), column.dictionary};
}

NodeTable select_rows(const NodeTable& t, const std::vector<NodeId>& rows) {
  NodeTable out;
  for (NodeId r : rows) {
    out.id.push_back(t.id[r]);
    out.name.push_back(t.name[r]);
  }
  out.kind = pick(t.kind, rows);
  out.industry = pick(t.industry, rows);
  out.stage = pick(t.stage, rows);
  out.region = pick(t.region, rows);
  out.park = pick(t.park, rows);
  out.ownership = pick(t.ownership, rows);
  out.lat = pick(t.lat, rows);
  out.lon = pick(t.lon, rows);
  out.employees = pick(t.employees, rows);
  out.revenue = pick(t.revenue, rows);
  out.founded = pick(t.founded, rows);
  out.closed = pick(t.closed, rows);
  std::vector<std::uint64_t> rows64(rows.begin(), rows.end());
  for (const auto& column : t.extra) out.extra.push_back(permute_column(column, rows64));
  return out;
}

}  // namespace

InducedSubgraph induced_subgraph(const GraphView& view, const std::vector<NodeId>& nodes) {
  const Graph& g = view.graph();
  std::vector<std::int64_t> local(g.node_count(), -1);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (local[nodes[i]] >= 0) throw UsageError("induced_subgraph: node listed twice");
    local[nodes[i]] = static_cast<std::int64_t>(i);
  }
  GraphBuilder builder(select_rows(g.nodes, nodes));
  std::vector<EdgeId> kept;
  for (NodeId u : nodes) {
    view.for_out_edges(u, [&](NodeId v, EdgeId e, double w) {
      if (local[v] < 0) return;
      builder.add_edge(static_cast<NodeId>(local[u]), static_cast<NodeId>(local[v]), g.edges.type[e], w,
                       g.edges.year[e]);
      kept.push_back(e);
    });
  }
  InducedSubgraph sub{nodes, std::move(builder).finish()};
  // The builder re-sorts edges by local index, so extras are mapped by finding each kept
  // edge's (source, target, type, year) key, which is unique in both graphs.
  if (!g.edges.extra.empty()) {
    std::vector<std::uint64_t> source_edge(sub.graph.edge_count());
    for (EdgeId e : kept) {
      const NodeId ls = static_cast<NodeId>(local[g.edge_source(e)]);
      const NodeId lt = static_cast<NodeId>(local[g.out_target[e]]);
      for (EdgeId f = sub.graph.out_begin(ls); f < sub.graph.out_end(ls); ++f) {
        if (sub.graph.out_target[f] == lt && sub.graph.edges.type[f] == g.edges.type[e] &&
            sub.graph.edges.year[f] == g.edges.year[e]) {
          source_edge[f] = e;
          break;
        }
      }
    }
    for (const auto& column : g.edges.extra) sub.graph.edges.extra.push_back(permute_column(column, source_edge));
  }
  return sub;
}

}  // namespace firmnet
