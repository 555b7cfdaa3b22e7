#include "results/risk_result.hpp"

#include <algorithm>
#include <numeric>

namespace firmnet::risk {
namespace {

std::string essentiality_text(const std::string& source) {
  return source.empty() ? "none given: every input essential (esri) and none (esri_linear)" : source;
}

/// A result of this method with the parameters every cascade result stores: the selection and
/// the cascade's settings.
Result cascade_result(const std::string& name, const char* method, int threads, const EdgeFilter& filter,
                      const CascadeInputs& inputs) {
  Result r;
  r.name = name;
  r.method = method;
  r.threads = threads;
  r.parameters = {{"selection", filter.describe()},
                  {"essentiality", essentiality_text(inputs.essentiality_source)},
                  {"channels", std::string(channels_name(inputs.cascade.channels))},
                  {"tolerance", inputs.cascade.tolerance},
                  {"sales", std::string(inputs.use_revenue ? "revenue where known" : "network")},
                  {"replaceable", static_cast<std::int64_t>(inputs.cascade.replaceable)}};
  return r;
}

std::vector<std::string> texts_of(const StringColumn& column, const std::vector<NodeId>& nodes) {
  std::vector<std::string> values;
  for (const NodeId i : nodes) values.emplace_back(column.value(i));
  return values;
}

ResultTable group_table(const char* name, const std::vector<GroupLoss>& groups) {
  std::vector<std::string> labels;
  for (const GroupLoss& g : groups) labels.push_back(g.group);
  return {name,
          {text_column(stored::group, labels), column_of(stored::firms, groups, [](const GroupLoss& g) { return g.firms; }),
           column_of(stored::output, groups, [](const GroupLoss& g) { return g.output; }),
           column_of(stored::output_lost, groups, [](const GroupLoss& g) { return g.output_lost; }),
           column_of(stored::share_lost, groups, [](const GroupLoss& g) { return g.share_lost; })}};
}

}  // namespace

Result risk_result(const std::string& name, const Graph& graph, const RiskOutcome& outcome, const RiskRequest& request,
                   const EdgeFilter& filter, int threads, const std::vector<std::int64_t>& membership,
                   const std::string& communities) {
  const NodeId n = graph.node_count();
  Result r = cascade_result(name, "esri", threads, filter, request);
  r.parameters.insert(r.parameters.end(), {{"top", static_cast<std::int64_t>(request.top)},
                  {"screen_pops", static_cast<std::int64_t>(request.screen_pops)},
                  {"communities", communities}});
  r.add_column(stored::esri, outcome.esri);
  if (!outcome.has_table) r.add_column(stored::esri_linear, outcome.esri_linear);
  if (!outcome.upper_bound.empty()) r.add_column(stored::esri_upper_bound, outcome.upper_bound);
  r.add_column(stored::exact, std::vector<std::int64_t>(outcome.exact.begin(), outcome.exact.end()));
  r.add_column(stored::output_share, outcome.output_share);
  r.add_column(stored::cascade_size, std::vector<std::int64_t>(outcome.cascade_size.begin(), outcome.cascade_size.end()));
  r.add_column(stored::suppliers, std::vector<std::int64_t>(outcome.suppliers.begin(), outcome.suppliers.end()));
  r.add_column(stored::customers, std::vector<std::int64_t>(outcome.customers.begin(), outcome.customers.end()));

  // Rank of each firm by output (1 = largest), to set risk against size.
  std::vector<NodeId> by_output(n);
  std::iota(by_output.begin(), by_output.end(), NodeId{0});
  std::stable_sort(by_output.begin(), by_output.end(),
                   [&](NodeId a, NodeId b) { return outcome.output_share[a] > outcome.output_share[b]; });
  std::vector<std::int64_t> output_rank(n);
  for (NodeId k = 0; k < n; ++k) output_rank[by_output[k]] = k + 1;

  const std::size_t rows = std::min(outcome.top.size(), request.top == 0 ? kRiskiestRows : request.top);
  const std::vector<NodeId> top(outcome.top.begin(), outcome.top.begin() + static_cast<std::ptrdiff_t>(rows));
  std::vector<std::string> ids, names;
  for (const NodeId i : top) {
    ids.emplace_back(graph.nodes.id[i]);
    names.emplace_back(graph.nodes.name[i]);
  }
  auto of = [&](const auto& values) { return [&values](NodeId i) { return values[i]; }; };
  ResultTable riskiest{stored::riskiest, {}};
  std::vector<std::int64_t> ranks(rows);
  std::iota(ranks.begin(), ranks.end(), std::int64_t{1});
  riskiest.columns.push_back({stored::rank, Int64Column(ranks)});
  riskiest.columns.push_back(text_column(stored::id, ids));
  riskiest.columns.push_back(text_column(stored::name, names));
  riskiest.columns.push_back(column_of(stored::esri, top, of(outcome.esri)));
  if (!outcome.has_table) riskiest.columns.push_back(column_of(stored::esri_linear, top, of(outcome.esri_linear)));
  riskiest.columns.push_back(column_of(stored::output_share, top, of(outcome.output_share)));
  riskiest.columns.push_back(column_of(stored::output_rank, top, of(output_rank)));
  riskiest.columns.push_back(column_of(stored::suppliers, top, of(outcome.suppliers)));
  riskiest.columns.push_back(column_of(stored::customers, top, of(outcome.customers)));
  riskiest.columns.push_back(text_column(stored::park, texts_of(graph.nodes.park, top)));
  riskiest.columns.push_back(text_column(stored::industry, texts_of(graph.nodes.industry, top)));
  std::vector<std::int64_t> community;
  for (const NodeId i : top) community.push_back(membership.empty() ? -1 : membership[i]);
  riskiest.columns.push_back({stored::community, Int64Column(community)});
  r.tables.push_back(std::move(riskiest));

  std::int64_t firms = 0, exact = 0, above_one_percent = 0;
  for (NodeId i = 0; i < n; ++i) {
    if (outcome.suppliers[i] + outcome.customers[i] == 0) continue;
    ++firms;
    if (!outcome.exact[i]) continue;
    ++exact;
    if (outcome.esri[i] > 0.01) ++above_one_percent;
  }
  r.scalars = {{"firms", firms},
               {"exact", exact},
               {"full_cascades", static_cast<std::int64_t>(outcome.full_cascades)},
               {"screened_cascades", static_cast<std::int64_t>(outcome.screened_cascades)},
               {"above_one_percent", above_one_percent},
               {"unmatched_industry_pairs", static_cast<std::int64_t>(outcome.unmatched_pairs)},
               {"total_output", outcome.total_output}};
  return r;
}

Result shock_result(const std::string& name, const Graph& graph, const ShockOutcome& outcome,
                    const ShockRequest& request, const EdgeFilter& filter, int threads) {
  const NodeId n = graph.node_count();
  Result r = cascade_result(name, "shock", threads, filter, request);
  const char* by = request.by == FailingBy::park       ? "park"
                   : request.by == FailingBy::region   ? "region"
                   : request.by == FailingBy::industry ? "industry"
                                                       : "firms";
  std::string names;
  for (const std::string& item : request.names) names += (names.empty() ? "" : ",") + item;
  r.parameters.insert(r.parameters.end(), {{"fail_by", std::string(by)},
                  {"fail", names},
                  {"fraction", request.fraction}});
  r.add_column(stored::level, outcome.losses.level);
  r.add_column(stored::output_lost, outcome.losses.output_lost);
  if (!outcome.has_table) {
    r.add_column(stored::level_linear, outcome.linear_losses.level);
    r.add_column("output_lost_linear", outcome.linear_losses.output_lost);
  }
  std::vector<std::int64_t> failing(n, 0);
  for (const NodeId i : outcome.failing) failing[i] = 1;
  r.add_column(stored::failing, std::move(failing));

  std::vector<NodeId> hit;
  for (NodeId i = 0; i < n; ++i)
    if (outcome.losses.output_lost[i] > 0) hit.push_back(i);
  std::stable_sort(hit.begin(), hit.end(), [&](NodeId a, NodeId b) {
    return outcome.losses.output_lost[a] > outcome.losses.output_lost[b];
  });
  hit.resize(std::min<std::size_t>(hit.size(), kRiskiestRows));
  std::vector<std::string> ids, names_of_firms;
  for (const NodeId i : hit) {
    ids.emplace_back(graph.nodes.id[i]);
    names_of_firms.emplace_back(graph.nodes.name[i]);
  }
  auto of = [&](const std::vector<double>& values) { return [&values](NodeId i) { return values[i]; }; };
  r.tables.push_back({stored::by_firm,
                      {text_column(stored::id, ids), text_column(stored::name, names_of_firms),
                       column_of(stored::level, hit, of(outcome.losses.level)),
                       column_of(stored::output_lost, hit, of(outcome.losses.output_lost)),
                       text_column(stored::park, texts_of(graph.nodes.park, hit)),
                       text_column(stored::industry, texts_of(graph.nodes.industry, hit)),
                       text_column(stored::region, texts_of(graph.nodes.region, hit))}});
  r.tables.push_back(group_table(stored::by_park, outcome.losses.by_park));
  r.tables.push_back(group_table(stored::by_industry, outcome.losses.by_industry));
  r.tables.push_back(group_table(stored::by_region, outcome.losses.by_region));
  r.scalars = {{"failing", static_cast<std::int64_t>(outcome.failing.size())},
               {"share_lost", outcome.losses.share_lost},
               {"affected", static_cast<std::int64_t>(outcome.losses.affected)},
               {"unmatched_industry_pairs", static_cast<std::int64_t>(outcome.unmatched_pairs)}};
  if (!outcome.has_table) {
    r.scalars.emplace_back("share_lost_linear", outcome.linear_losses.share_lost);
    r.scalars.emplace_back("affected_linear", static_cast<std::int64_t>(outcome.linear_losses.affected));
  }
  return r;
}

Result exposure_result(const std::string& name, const Graph& graph, const ExposureOutcome& outcome,
                       const ExposureRequest& request, const EdgeFilter& filter, int threads) {
  Result r = cascade_result(name, "park_exposure", threads, filter, request);
  r.parameters.insert(r.parameters.end(), {{"anchors_per_park", static_cast<std::int64_t>(request.anchors_per_park)},
                  {"anchors_by", request.anchor_source.empty() ? std::string("largest output") : request.anchor_source}});
  const std::vector<ParkExposure>& parks = outcome.parks;
  std::vector<std::string> park_names, anchors, worst, worst_linear;
  const auto region_name = [&](std::int32_t region) {
    return region < 0 ? std::string() : graph.nodes.region.dictionary[region];
  };
  for (const ParkExposure& p : parks) {
    park_names.push_back(graph.nodes.park.dictionary[p.park]);
    std::string ids;
    for (const NodeId i : p.anchors) ids += (ids.empty() ? "" : "; ") + std::string(graph.nodes.id[i]);
    anchors.push_back(ids);
    worst.push_back(region_name(p.losses.worst_region));
    worst_linear.push_back(region_name(p.linear_losses.worst_region));
  }
  ResultTable table{stored::parks,
                    {text_column(stored::park, park_names),
                     column_of(stored::firms, parks, [](const ParkExposure& p) { return p.firms; }),
                     column_of(stored::output_share, parks, [](const ParkExposure& p) { return p.output_share; }),
                     text_column(stored::anchors, anchors),
                     column_of(stored::anchors_output_share, parks, [](const ParkExposure& p) { return p.anchors_output_share; }),
                     column_of(stored::anchors_loss, parks, [](const ParkExposure& p) { return p.losses.anchors_loss; }),
                     column_of(stored::anchors_network_loss, parks,
                               [](const ParkExposure& p) { return p.losses.anchors_network_loss; }),
                     text_column(stored::worst_region, worst),
                     column_of(stored::worst_region_loss, parks, [](const ParkExposure& p) { return p.losses.worst_region_loss; }),
                     column_of(stored::regions_tested, parks, [](const ParkExposure& p) { return p.regions_tested; })}};
  if (!outcome.has_table) {
    const std::string suffix = stored::linear_suffix;
    table.columns.push_back(column_of(stored::anchors_loss + suffix, parks,
                                      [](const ParkExposure& p) { return p.linear_losses.anchors_loss; }));
    table.columns.push_back(column_of(stored::anchors_network_loss + suffix, parks,
                                      [](const ParkExposure& p) { return p.linear_losses.anchors_network_loss; }));
    table.columns.push_back(text_column(stored::worst_region + suffix, worst_linear));
    table.columns.push_back(column_of(stored::worst_region_loss + suffix, parks,
                                      [](const ParkExposure& p) { return p.linear_losses.worst_region_loss; }));
  }
  r.tables.push_back(std::move(table));
  r.scalars = {{"parks", static_cast<std::int64_t>(parks.size())},
               {"cascades", static_cast<std::int64_t>(outcome.cascades)},
               {"unmatched_industry_pairs", static_cast<std::int64_t>(outcome.unmatched_pairs)}};
  return r;
}

}  // namespace firmnet::risk
