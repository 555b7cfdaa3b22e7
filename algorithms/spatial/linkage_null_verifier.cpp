#include "algorithms/spatial/linkage_null_verifier.hpp"

#include <map>
#include <string>
#include <tuple>

namespace firmnet::spatial {

namespace {

/// (relation type, source side, target side): the sides are region or industry codes, or 0
/// for the degree null. A node's degree is counted per stratum and direction.
using Stratum = std::tuple<int, std::int64_t, std::int64_t>;
using DegreeKey = std::tuple<Stratum, NodeId, bool>;  // (stratum, node, true = out-end)

Stratum stratum_of(const Graph& g, NullKind kind, RelationType type, NodeId source, NodeId target) {
  // The distance null's stratum is the relation type; its bands are checked on their own.
  const StringColumn* side = kind == NullKind::region ? &g.nodes.region
                             : kind == NullKind::industry ? &g.nodes.industry
                                                          : nullptr;
  if (!side) return {static_cast<int>(type), 0, 0};
  return {static_cast<int>(type), side->codes[source], side->codes[target]};
}

std::string stratum_text(const Stratum& s, NullKind kind) {
  std::string text(relation_type_name(static_cast<RelationType>(std::get<0>(s))));
  if (kind == NullKind::region || kind == NullKind::industry)
    text += " " + std::to_string(std::get<1>(s)) + "->" + std::to_string(std::get<2>(s)) + " (" +
            std::string(null_kind_name(kind)) + " codes)";
  return text;
}

}  // namespace

Verification verify_null_replicate(const GraphView& view, const std::vector<std::int64_t>& unit_of,
                                   const NullOptions& options, const NullDistribution& null, int replicate,
                                   const std::vector<RewiredEdge>& rewired) {
  Verification out;
  const Graph& g = view.graph();
  const std::size_t units = null.observed.size();
  if (replicate < 0 || static_cast<std::size_t>(replicate) >= null.samples.size()) {
    out.fail("replicate " + std::to_string(replicate) + " is not among the " + std::to_string(null.samples.size()) +
             " stored");
    return out;
  }

  // Observed edges: +1 per end, internal counts per unit.
  std::map<DegreeKey, std::int64_t> balance;
  std::vector<std::uint64_t> observed_internal(units, 0);
  std::size_t observed_edges = 0;
  // Distance null: links per (type, length band), +1 observed, -1 rewired; and each node's
  // out-links per (type, band), since a slot keeps its source and its band.
  const bool banded = options.kind == NullKind::distance;
  std::map<std::pair<int, std::uint32_t>, std::int64_t> band_balance;
  std::map<std::tuple<int, std::uint32_t, NodeId>, std::int64_t> source_band_balance;
  for (NodeId u = 0; u < g.node_count(); ++u) {
    for (EdgeId e = g.out_begin(u); e < g.out_end(u); ++e) {
      const NodeId v = g.out_target[e];
      if (!view.accepts(e) || !view.contains(u) || !view.contains(v)) continue;
      ++observed_edges;
      const Stratum s = stratum_of(g, options.kind, g.edges.type[e], u, v);
      ++balance[{s, u, true}];
      ++balance[{s, v, false}];
      if (banded) {
        const std::uint32_t band = null.bands.band_of(g, u, v);
        ++band_balance[{static_cast<int>(g.edges.type[e]), band}];
        ++source_band_balance[{static_cast<int>(g.edges.type[e]), band, u}];
      }
      if (unit_of[u] >= 0 && unit_of[u] == unit_of[v]) ++observed_internal[static_cast<std::size_t>(unit_of[u])];
    }
  }
  for (std::size_t c = 0; c < units; ++c)
    if (observed_internal[c] != null.observed[c])
      out.fail("unit " + std::to_string(c) + ": observed internal count " + std::to_string(null.observed[c]) +
               ", recounted " + std::to_string(observed_internal[c]));

  // Rewired edges: -1 per end, internal counts per unit.
  if (rewired.size() != observed_edges)
    out.fail("replicate has " + std::to_string(rewired.size()) + " edges, the view " + std::to_string(observed_edges));
  std::vector<std::uint64_t> rewired_internal(units, 0);
  for (std::size_t i = 0; i < rewired.size(); ++i) {
    const RewiredEdge& edge = rewired[i];
    if (edge.source >= g.node_count() || edge.target >= g.node_count() || !view.contains(edge.source) ||
        !view.contains(edge.target)) {
      out.fail("rewired edge " + std::to_string(i) + " has an endpoint outside the view");
      continue;
    }
    if (edge.source == edge.target) out.fail("rewired edge " + std::to_string(i) + " is a self-loop at node " +
                                             std::to_string(edge.source));
    if (edge.edge >= g.edge_count()) {
      out.fail("rewired edge " + std::to_string(i) + " names edge " + std::to_string(edge.edge) + " outside the graph");
      continue;
    }
    const RelationType type = g.edges.type[edge.edge];
    const Stratum s = stratum_of(g, options.kind, type, edge.source, edge.target);
    --balance[{s, edge.source, true}];
    --balance[{s, edge.target, false}];
    if (banded) {
      const std::uint32_t band = null.bands.band_of(g, edge.source, edge.target);
      --band_balance[{static_cast<int>(type), band}];
      --source_band_balance[{static_cast<int>(type), band, edge.source}];
    }
    const std::int64_t unit = unit_of[edge.source];
    if (unit >= 0 && unit == unit_of[edge.target]) ++rewired_internal[static_cast<std::size_t>(unit)];
  }
  for (const auto& [key, difference] : balance)
    if (difference != 0) {
      const auto& [stratum, node, out_end] = key;
      out.fail("node " + std::to_string(node) + " " + (out_end ? "out" : "in") + "-degree in stratum " +
               stratum_text(stratum, options.kind) + " changed by " + std::to_string(-difference));
    }
  for (const auto& [key, difference] : band_balance)
    if (difference != 0)
      out.fail(std::string(relation_type_name(static_cast<RelationType>(key.first))) + " links in length band " +
               std::to_string(key.second) + " changed by " + std::to_string(-difference));
  for (const auto& [key, difference] : source_band_balance)
    if (difference != 0)
      out.fail("node " + std::to_string(std::get<2>(key)) + " out-links of type " +
               std::string(relation_type_name(static_cast<RelationType>(std::get<0>(key)))) + " in length band " +
               std::to_string(std::get<1>(key)) + " changed by " + std::to_string(-difference));
  const std::vector<std::uint32_t>& sample = null.samples[static_cast<std::size_t>(replicate)];
  for (std::size_t c = 0; c < units; ++c)
    if (c >= sample.size() || rewired_internal[c] != sample[c])
      out.fail("unit " + std::to_string(c) + ": stored sample " +
               (c < sample.size() ? std::to_string(sample[c]) : std::string("missing")) +
               ", recounted from the rewired edges " + std::to_string(rewired_internal[c]));
  return out;
}

}  // namespace firmnet::spatial
