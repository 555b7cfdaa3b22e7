#include "algorithms/spatial/park_verdicts_verifier.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace firmnet::spatial {

namespace {

/// The evidence of one unit, recounted.
struct Recount {
  std::uint64_t members = 0, firms = 0;
  std::array<std::uint64_t, kNodeKindCount> by_kind{};
  std::uint64_t internal = 0, vertical = 0, horizontal = 0;
  double weight = 0;
  std::uint64_t ends = 0, ends_internal = 0, ends_region = 0, ends_external = 0;
  std::uint64_t institutions_unit = 0, institutions_region = 0;
  std::uint64_t hub_links = 0;
};

bool supports(NodeKind kind) {
  return kind == NodeKind::university || kind == NodeKind::research_institute || kind == NodeKind::association ||
         kind == NodeKind::service_platform || kind == NodeKind::financial || kind == NodeKind::government;
}

double share(std::uint64_t part, std::uint64_t whole) {
  return whole ? static_cast<double>(part) / static_cast<double>(whole) : std::nan("");
}

}  // namespace

Verification verify_park_verdicts(const GraphView& view, const ParkOutcome& report) {
  const Graph& graph = view.graph();
  Verification out;
  const NodeTable& nodes = graph.nodes;
  const std::vector<std::int64_t>& unit_of = report.units.unit_of;
  const std::size_t k = report.units.count();
  if (report.reports.size() != k || unit_of.size() != graph.node_count()) {
    out.fail("report holds " + std::to_string(report.reports.size()) + " units and " +
             std::to_string(unit_of.size()) + " node units for " + std::to_string(k) + " units and " +
             std::to_string(graph.node_count()) + " nodes");
    return out;
  }
  const bool has_area = report.in_study_area.size() == graph.node_count();
  auto in_area = [&](NodeId v) { return !has_area || report.in_study_area[v]; };
  std::vector<Recount> units(k);
  std::vector<std::uint64_t> internal_ends(graph.node_count(), 0);
  for (NodeId u = 0; u < graph.node_count(); ++u) {
    if (unit_of[u] >= 0 && !in_area(u)) out.fail("node " + std::to_string(u) + " outside the study area is in a unit");
    if (unit_of[u] < 0) continue;
    Recount& r = units[static_cast<std::size_t>(unit_of[u])];
    ++r.members;
    ++r.by_kind[static_cast<std::size_t>(nodes.kind[u])];
    r.firms += nodes.kind[u] == NodeKind::firm;
  }

  // One end of an accepted edge, seen from member `at` towards `other`.
  auto credit_end = [&](NodeId at, NodeId other) {
    Recount& r = units[static_cast<std::size_t>(unit_of[at])];
    ++r.ends;
    const bool inside = unit_of[other] == unit_of[at];
    // A link beyond the study area is external, even within the member's region.
    const bool region = in_area(other) && !nodes.region.missing(at) && nodes.region.codes[at] == nodes.region.codes[other];
    if (inside) {
      ++r.ends_internal;
      ++internal_ends[at];
    } else if (region) {
      ++r.ends_region;
    } else {
      ++r.ends_external;
    }
    if (supports(nodes.kind[other])) {
      if (inside) ++r.institutions_unit;
      else if (region) ++r.institutions_region;
    }
  };
  NodeId source = 0;
  for (EdgeId e = 0; e < graph.edge_count(); ++e) {
    while (graph.out_offsets[source + 1] <= e) ++source;
    if (!view.filter().accepts(graph.edges.type[e], graph.edges.year[e])) continue;
    const NodeId target = graph.out_target[e];
    if (unit_of[source] >= 0) credit_end(source, target);
    if (unit_of[target] >= 0) credit_end(target, source);
    if (unit_of[source] < 0 || unit_of[source] != unit_of[target]) continue;
    Recount& r = units[static_cast<std::size_t>(unit_of[source])];
    ++r.internal;
    r.weight += graph.edges.weight[e];
    const bool staged_firms = nodes.kind[source] == NodeKind::firm && nodes.kind[target] == NodeKind::firm &&
                              !nodes.stage.missing(source) && !nodes.stage.missing(target);
    if (staged_firms) ++(nodes.stage.codes[source] == nodes.stage.codes[target] ? r.horizontal : r.vertical);
  }
  for (NodeId u = 0; u < graph.node_count(); ++u)
    if (unit_of[u] >= 0) {
      Recount& r = units[static_cast<std::size_t>(unit_of[u])];
      r.hub_links = std::max(r.hub_links, internal_ends[u]);
    }

  for (std::size_t c = 0; c < k; ++c) {
    const Recount& r = units[c];
    const UnitReport& rep = report.reports[c];
    const std::string unit = "unit " + report.units.names[c];
    auto count = [&](const char* what, std::uint64_t reported, std::uint64_t recounted) {
      if (reported != recounted)
        out.fail(unit + " " + what + ": reported " + std::to_string(reported) + ", recounted " +
                 std::to_string(recounted));
    };
    count("members", rep.members, r.members);
    count("firms", rep.firms, r.firms);
    for (std::size_t kind = 0; kind < kNodeKindCount; ++kind)
      if (rep.by_kind[kind] != r.by_kind[kind])
        out.fail(unit + " members of kind " + std::string(node_kind_names()[kind]) + ": reported " +
                 std::to_string(rep.by_kind[kind]) + ", recounted " + std::to_string(r.by_kind[kind]));
    count("internal links", rep.internal_links, r.internal);
    if (c < report.null.observed.size()) count("null observed count", report.null.observed[c], r.internal);
    count("vertical links", rep.vertical_links, r.vertical);
    count("horizontal links", rep.horizontal_links, r.horizontal);
    count("link ends", rep.link_ends, r.ends);
    count("institution links in the unit", rep.institution_links_unit, r.institutions_unit);
    count("institution links in the region", rep.institution_links_region, r.institutions_region);
    count("hub internal links", rep.hub_internal_links, r.hub_links);
    if (rep.hub >= 0 && (static_cast<std::size_t>(rep.hub) >= unit_of.size() ||
                         unit_of[static_cast<std::size_t>(rep.hub)] != static_cast<std::int64_t>(c) ||
                         internal_ends[static_cast<std::size_t>(rep.hub)] != r.hub_links))
      out.fail(unit + ": hub " + std::to_string(rep.hub) + " is not a member with the most internal links");
    out.expect_close(unit + " internal weight", rep.internal_weight, r.weight, 1e-12);
    const double pairs = static_cast<double>(r.members) * (static_cast<double>(r.members) - 1);
    out.expect_close(unit + " density", rep.density, r.members > 1 ? static_cast<double>(r.internal) / pairs : 0.0,
                     1e-12);
    out.expect_close(unit + " internal share", rep.share_internal, share(r.ends_internal, r.ends), 1e-12);
    out.expect_close(unit + " region share", rep.share_region, share(r.ends_region, r.ends), 1e-12);
    out.expect_close(unit + " external share", rep.share_external, share(r.ends_external, r.ends), 1e-12);
    out.expect_close(unit + " vertical share", rep.vertical_share, share(r.vertical, r.vertical + r.horizontal),
                     1e-12);
  }
  return out;
}

}  // namespace firmnet::spatial
