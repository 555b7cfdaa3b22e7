#include "algorithms/anchors/anchor_report.hpp"

#include <algorithm>

namespace firmnet {

namespace {

ExtraColumn text(std::string name, const std::vector<std::string>& values) {
  StringColumnBuilder builder;
  for (const auto& v : values) builder.push_back(v);
  return {std::move(name), std::move(builder).finish()};
}

ResultTable pick_table(const Graph& graph, const AnchorAnalysis& a, Locality locality, const std::string& name,
                       const std::vector<AnchorPick>& picks) {
  std::vector<std::int64_t> rank;
  std::vector<std::string> ids, names, groups, reasons;
  std::vector<double> scores;
  for (const auto& p : picks) {
    rank.push_back(p.rank);
    ids.emplace_back(graph.nodes.id[p.node]);
    names.emplace_back(graph.nodes.name[p.node]);
    groups.push_back(group_label(graph, locality, a.groups[p.node]));
    scores.push_back(a.score[p.node]);
    reasons.push_back(a.reason[p.node]);
  }
  ResultTable table{name, {}};
  table.columns.push_back({"rank", std::move(rank)});
  table.columns.push_back(text("id", ids));
  table.columns.push_back(text("name", names));
  table.columns.push_back(text("group", groups));
  table.columns.push_back({"score", std::move(scores)});
  table.columns.push_back(text("reason", reasons));
  return table;
}

std::string comma_list(const std::vector<std::string>& values) {
  std::string out;
  for (const std::string& v : values) out += (out.empty() ? "" : ",") + v;
  return out;
}

}  // namespace

Result anchor_result(const Graph& graph, const EdgeFilter& filter, const AnchorAnalysis& a,
                     const AnchorOptions& options, const std::string& communities) {
  Result r;
  r.method = "anchors";
  r.parameters = {{"selection", filter.describe()},
                  {"group_by", std::string(locality_name(options.group_by))},
                  {"communities", communities},
                  {"top", static_cast<std::int64_t>(options.top)},
                  {"weight_hub", options.weight_hub},
                  {"weight_local", options.weight_local},
                  {"weight_dependency", options.weight_dependency},
                  {"weighted", static_cast<std::int64_t>(options.weighted)},
                  {"outside_regions", comma_list(options.outside_regions)},
                  {"supply_layers", std::string("supply, subcontract (reversed)")},
                  {"cut_layers", std::string("supply, subcontract, cooperation")}};
  r.add_column("anchor_score", a.score);
  r.add_column("ranked", std::vector<std::int64_t>(a.ranked.begin(), a.ranked.end()));
  r.add_column("hub_component", a.hub);
  r.add_column("local_component", a.local);
  r.add_column("dependency_component", a.dependency_component);
  r.add_column("within_module_degree", a.roles.within_module_degree);
  r.add_column("z", a.roles.z);
  r.add_column("participation", a.roles.participation);
  r.add_column("role", a.roles.role);
  r.add_column("suppliers", a.embedding.suppliers);
  r.add_column("customers", a.embedding.customers);
  const NodeId n = graph.node_count();
  for (std::size_t k = 0; k < kLocalityCount; ++k) {
    if (!a.embedding.available[k]) continue;
    const auto locality = static_cast<Locality>(k);
    const std::string g(locality_name(locality));
    r.add_column("local_suppliers_" + g, a.embedding.local_suppliers[k]);
    r.add_column("local_customers_" + g, a.embedding.local_customers[k]);
    const std::vector<std::int64_t> own =
        locality == Locality::community ? a.membership
                                        : group_labels(locality == Locality::park ? graph.nodes.park : graph.nodes.region);
    std::vector<double> supplier_share(n), customer_share(n);
    for (NodeId v = 0; v < n; ++v) {
      supplier_share[v] = a.embedding.supplier_share(locality, v, own[v]);
      customer_share[v] = a.embedding.customer_share(locality, v, own[v]);
    }
    r.add_column("supplier_share_" + g, std::move(supplier_share));
    r.add_column("customer_share_" + g, std::move(customer_share));
  }
  r.add_column("immediate_dominator", a.dependency.immediate_dominator);
  r.add_column("dominated", a.dependency.dominated);
  r.add_column("fed_by_root", std::vector<std::int64_t>(a.dependency.fed_by_root.begin(), a.dependency.fed_by_root.end()));
  r.add_column("articulation", std::vector<std::int64_t>(a.cuts.articulation.begin(), a.cuts.articulation.end()));
  r.add_column("cut_off", a.cuts.cut_off);
  r.add_column("bridge_count", a.cuts.bridge_count);
  r.node_columns.push_back(text("reason", a.reason));

  r.tables.push_back(pick_table(graph, a, options.group_by, "top_overall", a.top_overall));
  r.tables.push_back(pick_table(graph, a, options.group_by, "top_by_group", a.top_by_group));
  std::vector<std::string> sources, targets;
  for (const auto& [u, v] : a.cuts.bridges) {
    sources.emplace_back(graph.nodes.id[u]);
    targets.emplace_back(graph.nodes.id[v]);
  }
  ResultTable bridges{"bridges", {}};
  bridges.columns.push_back(text("source", sources));
  bridges.columns.push_back(text("target", targets));
  r.tables.push_back(std::move(bridges));

  std::int64_t articulation_points = 0;
  for (auto x : a.cuts.articulation) articulation_points += x;
  r.scalars = {{"articulation_points", articulation_points},
               {"bridges", static_cast<std::int64_t>(a.cuts.bridges.size())},
               {"fed_by_root", static_cast<std::int64_t>(std::count(a.dependency.fed_by_root.begin(),
                                                                     a.dependency.fed_by_root.end(), 1))}};
  return r;
}

}  // namespace firmnet
