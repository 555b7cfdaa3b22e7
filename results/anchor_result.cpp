#include "results/anchor_result.hpp"

#include <algorithm>

namespace firmnet::anchors {

namespace {

ResultTable pick_table(const Graph& graph, const AnchorOutcome& a, Locality locality, const std::string& name,
                       const std::vector<AnchorPick>& picks) {
  std::vector<std::string> ids, names, groups, reasons;
  for (const auto& p : picks) {
    ids.emplace_back(graph.nodes.id[p.node]);
    names.emplace_back(graph.nodes.name[p.node]);
    groups.push_back(group_label(graph, locality, a.groups[p.node]));
    reasons.push_back(a.reason[p.node]);
  }
  auto of_node = [&](const std::vector<double>& values) {
    return [&values](const AnchorPick& p) { return values[p.node]; };
  };
  return {name,
          {column_of(stored::rank, picks, [](const AnchorPick& p) { return p.rank; }), text_column(stored::id, ids),
           text_column(stored::name, names), text_column(stored::group, groups),
           column_of(stored::score, picks, of_node(a.score)), column_of(stored::hub, picks, of_node(a.hub)),
           column_of(stored::local, picks, of_node(a.local)),
           column_of(stored::dependency, picks, of_node(a.dependency_component)),
           column_of(stored::z, picks, of_node(a.roles.z)),
           column_of(stored::participation, picks, of_node(a.roles.participation)), text_column(stored::reason, reasons)}};
}


}  // namespace

Result anchor_result(const std::string& name, const Graph& graph, const AnchorOutcome& a, const AnchorRequest& options,
                     const EdgeFilter& filter, int threads) {
  Result r;
  r.name = name;
  r.method = "anchors";
  r.threads = threads;
  r.parameters = {{"selection", filter.describe()},
                  {"group_by", std::string(locality_name(options.group_by))},
                  {"communities", options.communities},
                  {"top", static_cast<std::int64_t>(options.top)},
                  {"weight_hub", options.weight_hub},
                  {"weight_local", options.weight_local},
                  {"weight_dependency", options.weight_dependency},
                  {"weighted", static_cast<std::int64_t>(options.weighted)},
                  {"study_area", spatial::describe_study_area(options.study_area)},
                  {"study_area_resolved", a.study_area},
                  {"outside_regions", spatial::outside_regions_text(options.study_area)},
                  {"supply_layers", std::string("supply, subcontract (reversed)")},
                  {"cut_layers", std::string("supply, subcontract, cooperation")},
                  {"weight_systemic", a.systemic.empty() ? 0.0 : options.weight_systemic},
                  {"systemic_risk", options.systemic_source}};
  r.add_column(stored::anchor_score, a.score);
  r.add_column(stored::ranked, std::vector<std::int64_t>(a.ranked.begin(), a.ranked.end()));
  r.add_column("hub_component", a.hub);
  r.add_column("local_component", a.local);
  r.add_column("dependency_component", a.dependency_component);
  if (!a.systemic.empty()) r.add_column("systemic_component", a.systemic);
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
  r.node_columns.push_back(text_column("reason", a.reason));

  r.tables.push_back(pick_table(graph, a, options.group_by, stored::top_overall, a.top_overall));
  r.tables.push_back(pick_table(graph, a, options.group_by, stored::top_by_group, a.top_by_group));
  std::vector<std::string> sources, targets;
  for (const auto& [u, v] : a.cuts.bridges) {
    sources.emplace_back(graph.nodes.id[u]);
    targets.emplace_back(graph.nodes.id[v]);
  }
  ResultTable bridges{"bridges", {}};
  bridges.columns.push_back(text_column("source", sources));
  bridges.columns.push_back(text_column("target", targets));
  r.tables.push_back(std::move(bridges));

  std::int64_t articulation_points = 0;
  for (auto x : a.cuts.articulation) articulation_points += x;
  r.scalars = {{"articulation_points", articulation_points},
               {"bridges", static_cast<std::int64_t>(a.cuts.bridges.size())},
               {"fed_by_root", static_cast<std::int64_t>(std::count(a.dependency.fed_by_root.begin(),
                                                                     a.dependency.fed_by_root.end(), 1))}};
  return r;
}

}  // namespace firmnet::anchors
