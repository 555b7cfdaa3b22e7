#include "datasets/generators/chain.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "graph/random.hpp"
#include "graph/errors.hpp"

namespace firmnet::generators {

namespace {

enum Stage : std::size_t {
  kRawMaterial,
  kDealer,
  kKnitting,
  kToeSewing,
  kDyeing,
  kSetting,
  kPackaging,
  kMachineParts,
  kSales,
  kFreight,
  kStageCount
};

// GB/T 4754 divisions: chemical fibre, wholesale, textiles, paper products (packaging),
// special machinery, wholesale (sales), road freight.
constexpr const char* kStageIndustry[kStageCount] = {"C28", "F51", "C17", "C17", "C17",
                                                     "C17", "C22", "C35", "F51", "G54"};
constexpr double kTownLat = 29.64, kTownLon = 120.24;  // Datang, Zhuji
constexpr const char* kTown = "Datang";
constexpr const char* kPark = "Datang Sock Industrial Park";

class ChainBuilder {
 public:
  explicit ChainBuilder(const ChainParameters& p) : p_(p), rng_(p.seed) {}
  GeneratedNetwork build();

 private:
  NodeId pick(Stage stage) { return by_stage_[stage][rng_.below(by_stage_[stage].size())]; }
  void link(NodeId u, NodeId v, RelationType type) {
    const double w = std::max(0.01, std::round(rng_.lognormal(0.0, 1.0) * 100) / 100);
    edges_.push_back({u, v, type, w});
  }
  // Links u to `count` distinct firms of `stage` (fewer when the stage is smaller).
  template <typename F>
  void link_distinct(std::uint64_t count, Stage stage, F&& make_edge) {
    const auto& pool = by_stage_[stage];
    count = std::min<std::uint64_t>(count, pool.size());
    std::vector<NodeId> chosen;
    while (chosen.size() < count) {
      const NodeId v = pool[rng_.below(pool.size())];
      if (std::find(chosen.begin(), chosen.end(), v) == chosen.end()) chosen.push_back(v);
    }
    for (NodeId v : chosen) make_edge(v);
  }

  struct PlannedEdge {
    NodeId source, target;
    RelationType type;
    double weight;
  };

  const ChainParameters& p_;
  Rng rng_;
  std::vector<std::vector<NodeId>> by_stage_{kStageCount};
  std::vector<PlannedEdge> edges_;
};

GeneratedNetwork ChainBuilder::build() {
  const auto& stages = sock_chain_stages();
  const std::vector<int> sizes = chain_stage_sizes(p_.firms);
  const int knitters = sizes[kKnitting];
  const int anchors = std::min(knitters, p_.anchors > 0 ? p_.anchors
                                                        : std::max(2, static_cast<int>(std::lround(knitters * 0.004))));
  const int workshops = std::min(knitters - anchors, static_cast<int>(std::lround(knitters * p_.workshop_share)));

  NodeTableBuilder nodes;
  std::vector<std::string> role, anchor_of;
  std::vector<std::int64_t> is_anchor, is_broker;
  std::vector<NodeId> anchor_nodes, workshop_nodes, independent_knitters;
  for (std::size_t s = 0; s < kStageCount; ++s) {
    for (int i = 0; i < sizes[s]; ++i) {
      NodeRow row;
      char id[32];
      std::snprintf(id, sizeof id, "C%05zu", nodes.size() + 1);
      row.id = id;
      row.kind = NodeKind::firm;
      row.industry = kStageIndustry[s];
      row.stage = stages[s].name;
      row.region = kTown;
      std::string firm_role = "firm";
      double log_employees = std::log(15.0), log_sd = 0.9;
      if (s == kKnitting) {
        if (i < anchors) {
          firm_role = "anchor";
          log_employees = std::log(800.0), log_sd = 0.4;
        } else if (i < anchors + workshops) {
          firm_role = "family_workshop";
          log_employees = std::log(5.0), log_sd = 0.5;
        } else {
          firm_role = "independent_knitter";
          log_employees = std::log(30.0);
        }
      }
      // Anchors and half of the other non-workshop firms sit in the industrial park; the
      // rest, and all family workshops, are spread over the town's villages.
      const bool in_park = firm_role == "anchor" || (firm_role != "family_workshop" && rng_.bernoulli(0.5));
      row.park = in_park ? kPark : "";
      const double spread = in_park ? 0.004 : 0.025;
      row.lat = kTownLat + (in_park ? 0.01 : 0.0) + rng_.normal(0, spread);
      row.lon = kTownLon + rng_.normal(0, spread);
      row.employees = std::max(1.0, std::round(rng_.lognormal(log_employees, log_sd)));
      row.revenue = std::round(row.employees * rng_.lognormal(std::log(40.0), 0.5) * 10) / 10;
      const double r = rng_.uniform();
      row.ownership = firm_role == "family_workshop" ? "private"
                      : r < 0.85                     ? "private"
                      : r < 0.93                     ? "collective"
                      : r < 0.97                     ? "foreign"
                                                     : "state";
      row.founded = static_cast<std::int32_t>(firm_role == "anchor" ? rng_.between(1985, 2000)
                                                                    : rng_.between(1988, 2023));
      row.name = std::string(stages[s].name) + " firm " + std::to_string(nodes.size() + 1);
      if (firm_role == "anchor") row.name = "Sock Group " + std::to_string(anchor_nodes.size() + 1);
      const NodeId u = nodes.add(row);
      by_stage_[s].push_back(u);
      role.push_back(firm_role);
      is_anchor.push_back(firm_role == "anchor");
      is_broker.push_back(0);
      anchor_of.emplace_back();
      if (firm_role == "anchor") anchor_nodes.push_back(u);
      if (firm_role == "family_workshop") workshop_nodes.push_back(u);
      if (firm_role == "independent_knitter") independent_knitters.push_back(u);
    }
  }
  NodeRow broker_row;
  broker_row.id = "B0001";
  broker_row.name = "Datang Sock Design Service Centre";
  broker_row.kind = NodeKind::service_platform;
  broker_row.industry = "M74";  // professional design services
  broker_row.stage = "design_service";
  broker_row.region = kTown;
  broker_row.park = kPark;
  broker_row.lat = kTownLat + 0.01 + rng_.normal(0, 0.002);
  broker_row.lon = kTownLon + rng_.normal(0, 0.002);
  broker_row.employees = 60;
  broker_row.revenue = 3000;
  broker_row.ownership = "private";
  broker_row.founded = 2003;
  const NodeId broker = nodes.add(broker_row);
  role.push_back("broker");
  is_anchor.push_back(0);
  is_broker.push_back(1);
  anchor_of.emplace_back();

  NodeTable graph_nodes = std::move(nodes).finish();
  auto supply = [&](NodeId u) { return [&, u](NodeId v) { link(u, v, RelationType::supply); }; };
  auto supplied_by = [&](NodeId v) { return [&, v](NodeId u) { link(u, v, RelationType::supply); }; };

  for (NodeId u : by_stage_[kRawMaterial]) link_distinct(1 + rng_.below(2), kDealer, supply(u));
  for (NodeId k : independent_knitters) {
    link_distinct(1 + rng_.below(2), kDealer, supplied_by(k));
    link(pick(kMachineParts), k, RelationType::supply);
    link(k, pick(kToeSewing), RelationType::subcontract);
  }
  for (NodeId a : anchor_nodes) {
    link_distinct(3 + rng_.below(3), kDealer, supplied_by(a));
    link_distinct(2 + rng_.below(2), kMachineParts, supplied_by(a));
    link_distinct(3 + rng_.below(4), kToeSewing, [&](NodeId v) { link(a, v, RelationType::subcontract); });
    link_distinct(2 + rng_.below(4), kSales, supply(a));
  }
  for (NodeId w : workshop_nodes) {
    const NodeId a = anchor_nodes[rng_.below(anchor_nodes.size())];
    link(a, w, RelationType::subcontract);
    anchor_of[w] = std::string(graph_nodes.id[a]);
  }
  for (NodeId u : by_stage_[kToeSewing]) link(u, pick(rng_.bernoulli(0.3) ? kDyeing : kSetting), RelationType::supply);
  for (NodeId u : by_stage_[kDyeing]) link_distinct(3 + rng_.below(4), kSetting, supply(u));
  for (Stage finisher : {kDyeing, kSetting})
    for (NodeId u : by_stage_[finisher]) link_distinct(2 + rng_.below(3), kPackaging, supply(u));
  for (NodeId u : by_stage_[kPackaging]) link_distinct(1 + rng_.below(3), kSales, supply(u));
  for (NodeId s : by_stage_[kSales])
    link_distinct(1 + rng_.below(2), kFreight, [&](NodeId f) { link(f, s, RelationType::service); });
  for (NodeId k : independent_knitters)
    if (rng_.bernoulli(p_.broker_reach)) link(broker, k, RelationType::service);
  for (NodeId s : by_stage_[kSales])
    if (rng_.bernoulli(p_.broker_reach)) link(s, broker, RelationType::cooperation);

  GeneratedNetwork out;
  GraphBuilder builder(std::move(graph_nodes));
  builder.reserve(edges_.size());
  for (const PlannedEdge& e : edges_) builder.add_edge(e.source, e.target, e.type, e.weight);
  out.graph = std::move(builder).finish();

  TruthTable truth{"nodes", true, {}};
  std::vector<std::string> stage_text(out.graph.node_count());
  for (NodeId u = 0; u < out.graph.node_count(); ++u) stage_text[u] = out.graph.nodes.stage.value(u);
  truth.columns.push_back(text_column("stage", stage_text));
  truth.columns.push_back(text_column("role", role));
  truth.columns.push_back({"is_anchor", std::move(is_anchor)});
  truth.columns.push_back({"is_broker", std::move(is_broker)});
  truth.columns.push_back(text_column("anchor_of", anchor_of));
  out.truth.push_back(std::move(truth));
  out.parameters = {{"firms", std::to_string(p_.firms)},
                    {"anchors", std::to_string(anchors)},
                    {"workshop_share", parameter_text(p_.workshop_share)},
                    {"broker_reach", parameter_text(p_.broker_reach)},
                    {"seed", std::to_string(p_.seed)}};
  return out;
}

}  // namespace

const std::vector<ChainStage>& sock_chain_stages() {
  // The Datang table of docs/CONCEPTS.md §5, in the order of the Stage enum above.
  static const std::vector<ChainStage> stages = {
      {"raw_material", 550}, {"material_dealer", 400}, {"knitting", 2453}, {"toe_sewing", 312},
      {"dyeing", 5},         {"setting", 112},         {"packaging", 305}, {"machine_parts", 208},
      {"sales", 635},        {"freight", 103}};
  return stages;
}

std::vector<int> chain_stage_sizes(int firms) {
  const auto& stages = sock_chain_stages();
  int primer_total = 0;
  for (const auto& s : stages) primer_total += s.primer_firms;
  std::vector<int> sizes;
  int assigned = 0;
  for (const auto& s : stages) {
    sizes.push_back(std::max(1, static_cast<int>(std::lround(static_cast<double>(s.primer_firms) * firms / primer_total))));
    assigned += sizes.back();
  }
  sizes[kKnitting] += firms - assigned;
  return sizes;
}

void validate(const ChainParameters& p) {
  if (p.firms < 50) throw UsageError("chain: --firms must be >= 50");
  if (p.anchors < 0) throw UsageError("chain: --anchors must be >= 0");
  if (p.workshop_share < 0 || p.workshop_share > 1) throw UsageError("chain: --workshop-share must be in [0, 1]");
  if (p.broker_reach < 0 || p.broker_reach > 1) throw UsageError("chain: --broker-reach must be in [0, 1]");
  if (p.anchors > chain_stage_sizes(p.firms)[kKnitting]) throw UsageError("chain: more anchors than knitters");
}

GeneratedNetwork generate_chain(const ChainParameters& parameters) {
  validate(parameters);
  return ChainBuilder(parameters).build();
}

}  // namespace firmnet::generators
