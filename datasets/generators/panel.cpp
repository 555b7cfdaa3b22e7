#include "datasets/generators/panel.hpp"

#include <map>
#include <string>
#include <vector>

#include "graph/errors.hpp"
#include "graph/random.hpp"

namespace firmnet::generators {
namespace {

struct Relation {
  NodeId source, target;
  RelationType type;
  int start;
};

class PanelBuilder {
 public:
  explicit PanelBuilder(const PanelParameters& p) : p_(p), rng_(p.seed) {}
  GeneratedNetwork build();

 private:
  NodeId firm(const std::string& park, const std::string& stage, int founded, int closed = 0) {
    NodeRow row;
    row.id = (park.empty() ? "town" : park) + "-" + std::to_string(members_[park].size() + 1);
    row.industry = "C36";
    row.stage = stage;
    row.region = "region";
    row.park = park;
    row.founded = founded;
    row.closed = closed;
    const NodeId u = nodes_.add(row);
    members_[park].push_back(u);
    founded_.push_back(founded);
    closed_.push_back(closed);
    return u;
  }
  int old_founding() { return static_cast<int>(rng_.between(1990, p_.first_year - 1)); }
  bool alive(NodeId u, int year) const {
    return (founded_[u] == 0 || founded_[u] <= year) && (closed_[u] == 0 || closed_[u] >= year);
  }
  NodeId pick(const std::vector<NodeId>& from) { return from[rng_.below(from.size())]; }
  void relate(NodeId s, NodeId t, int start, RelationType type = RelationType::supply) {
    relations_.push_back({s, t, type, start});
  }
  void stage_truth(const std::string& park, int from, int to, const char* stage) {
    for (int y = from; y <= to; ++y) truth_.push_back({park, y, stage});
  }

  struct TruthRow {
    std::string park;
    int year;
    std::string stage;
  };
  PanelParameters p_;
  Rng rng_;
  NodeTableBuilder nodes_;
  std::map<std::string, std::vector<NodeId>> members_;
  std::vector<int> founded_, closed_;
  std::vector<Relation> relations_;
  std::vector<TruthRow> truth_;
};

GeneratedNetwork PanelBuilder::build() {
  const int F = p_.first_year, L = p_.last_year;
  // growing: embryonic entries of one stage, then chain entries and relations.
  std::vector<NodeId> growing;
  for (int y = F + 2; y <= F + 4; ++y)
    for (int i = 0; i < 6; ++i) growing.push_back(firm("growing", "assembly", y));
  for (int y = F + 5; y <= F + 8; ++y) {
    for (int i = 0; i < 4; ++i) growing.push_back(firm("growing", i % 2 == 0 ? "components" : "materials", y));
    std::vector<NodeId> present;
    for (NodeId u : growing)
      if (founded_[u] <= y) present.push_back(u);
    const int added = y == F + 5 ? 20 : 12;
    for (int r = 0; r < added;) {
      const NodeId s = pick(present), t = pick(present);
      if (s == t) continue;
      relate(s, t, y);
      ++r;
    }
  }
  NodeRow university;
  university.id = "university";
  university.kind = NodeKind::university;
  university.region = "region";
  const NodeId campus = nodes_.add(university);
  founded_.push_back(0);
  closed_.push_back(0);
  for (int i = 0; i < 5; ++i) relate(campus, growing[static_cast<std::size_t>(i) * 7 % growing.size()], F + 6, RelationType::technology);
  stage_truth("growing", F + 2, F + 4, "embryonic");
  stage_truth("growing", F + 5, F + 8, "growth");
  stage_truth("growing", F + 9, L, "maturity");

  // declining: the anchor leaves after F+5, suppliers follow from F+7.
  const NodeId anchor = firm("declining", "assembly", old_founding(), F + 5);
  std::vector<NodeId> upstream, midstream;
  for (int i = 0; i < 12; ++i) upstream.push_back(firm("declining", "materials", old_founding()));
  for (int i = 0; i < 12; ++i) midstream.push_back(firm("declining", "components", old_founding()));
  for (NodeId m : midstream) relate(m, anchor, F);
  for (NodeId u : upstream) relate(u, pick(midstream), F), relate(u, pick(midstream), F);
  std::vector<NodeId> suppliers = upstream;
  suppliers.insert(suppliers.end(), midstream.begin(), midstream.end());
  for (int y = F + 7; y <= L && !suppliers.empty(); ++y) {
    const std::size_t leaving = (suppliers.size() + 4) / 5;
    for (std::size_t k = 0; k < leaving; ++k) {
      const std::size_t at = rng_.below(suppliers.size());
      closed_[suppliers[at]] = y - 1;
      nodes_.set_closed(suppliers[at], y - 1);
      suppliers.erase(suppliers.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }
  stage_truth("declining", F, F + 5, "maturity");
  stage_truth("declining", F + 6, L, "decline");

  // never-linked: one stage, background links only.
  for (int i = 0; i < 16; ++i) firm("never-linked", "assembly", old_founding());
  stage_truth("never-linked", F, L, "embryonic");

  // merging-a and merging-b: two chains that start trading in F+7.
  for (const std::string park : {"merging-a", "merging-b"}) {
    std::vector<NodeId> up, mid, down;
    for (int i = 0; i < 5; ++i) up.push_back(firm(park, "materials", old_founding()));
    for (int i = 0; i < 5; ++i) mid.push_back(firm(park, "components", old_founding()));
    for (int i = 0; i < 6; ++i) down.push_back(firm(park, "assembly", old_founding()));
    for (std::size_t i = 0; i < mid.size(); ++i)
      for (std::size_t k = 0; k < 3; ++k) relate(up[(i + k) % up.size()], mid[i], F);
    for (std::size_t i = 0; i < down.size(); ++i) {
      for (std::size_t k = 0; k < 3; ++k) relate(mid[(i + k) % mid.size()], down[i], F);
      relate(down[i], down[(i + 1) % down.size()], F, RelationType::cooperation);
    }
    stage_truth(park, F, L, "maturity");
  }
  for (int r = 0; r < 40;) {
    const NodeId a = pick(members_["merging-a"]), b = pick(members_["merging-b"]);
    relate(r % 2 == 0 ? a : b, r % 2 == 0 ? b : a, F + 7);
    ++r;
  }

  for (int i = 0; i < p_.town_firms; ++i) firm("", i % 3 == 0 ? "materials" : i % 3 == 1 ? "components" : "assembly", old_founding());

  // Estates: from F, 6 same-stage supply relations inside and 2 supply relations to and 2 from
  // town firms per firm (most of their trade leaves the park, as in a real region); from the
  // establishment year, effect_links supply relations from materials to components firms.
  // Their random draws use a stream of their own: the other parks' links stay as they were.
  Rng estate_rng(derive_seed(p_.seed, 18));
  const std::vector<NodeId> town = members_[""];
  const std::vector<std::pair<std::string, int>> estates = {
      {"estate-1", F + 4}, {"estate-2", F + 6}, {"estate-3", F + 8}, {"estate-4", 0}, {"estate-5", 0}};
  std::vector<NodeId> estate_firms;
  for (const auto& [park, established] : estates) {
    std::vector<NodeId> materials, components;
    for (int i = 0; i < 6; ++i) materials.push_back(firm(park, "materials", 2000));
    for (int i = 0; i < 6; ++i) components.push_back(firm(park, "components", 2000));
    for (std::size_t i = 0; i < 3; ++i) {
      relate(materials[i], materials[i + 1], F);
      relate(components[i], components[i + 1], F);
    }
    for (const auto& group : {materials, components})
      for (NodeId u : group)
        for (int k = 0; k < 2; ++k) {
          relate(u, town[estate_rng.below(town.size())], F);
          relate(town[estate_rng.below(town.size())], u, F);
        }
    estate_firms.insert(estate_firms.end(), materials.begin(), materials.end());
    estate_firms.insert(estate_firms.end(), components.begin(), components.end());
    if (established == 0) continue;
    for (int r = 0; r < p_.effect_links; ++r)
      relate(materials[static_cast<std::size_t>(r % 6)], components[static_cast<std::size_t>((r % 6 + r / 6) % 6)], established);
  }

  GraphBuilder builder;
  std::vector<NodeId> region_firms;
  for (const auto& [park, list] : members_)
    if (!park.starts_with("estate-")) region_firms.insert(region_firms.end(), list.begin(), list.end());
  for (int y = F; y <= L; ++y) {
    for (const Relation& r : relations_)
      if (y >= r.start && alive(r.source, y) && alive(r.target, y))
        builder.add_edge(r.source, r.target, r.type, 1.0, static_cast<std::int16_t>(y));
    std::vector<NodeId> present;
    for (NodeId u : region_firms)
      if (alive(u, y)) present.push_back(u);
    for (NodeId u : present) {
      if (rng_.uniform() >= p_.background_rate) continue;
      NodeId v = u;
      while (v == u) v = pick(present);
      builder.add_edge(u, v, RelationType::supply, 1.0, static_cast<std::int16_t>(y));
    }
    present.insert(present.end(), estate_firms.begin(), estate_firms.end());
    for (NodeId u : estate_firms) {
      if (estate_rng.uniform() >= p_.background_rate) continue;
      NodeId v = u;
      while (v == u) v = present[estate_rng.below(present.size())];
      builder.add_edge(u, v, RelationType::supply, 1.0, static_cast<std::int16_t>(y));
    }
  }
  NodeTable table = std::move(nodes_).finish();
  const std::map<std::string, int> established = {{"growing", F + 2},  {"declining", 1995}, {"merging-a", 2000},
                                                  {"merging-b", 2000}, {"estate-1", F + 4},  {"estate-2", F + 6},
                                                  {"estate-3", F + 8}};
  Int64Column park_established(table.size(), kMissingInt64);
  for (const auto& [park, year] : established)
    for (NodeId u : members_[park]) park_established[u] = year;
  table.extra.push_back({"park_established", std::move(park_established)});
  builder.set_nodes(std::move(table));
  GeneratedNetwork out;
  out.graph = std::move(builder).finish();
  std::vector<std::string> parks, stages;
  Int64Column years;
  for (const TruthRow& row : truth_) parks.push_back(row.park), years.push_back(row.year), stages.push_back(row.stage);
  out.truth.push_back({"park_years", false, {text_column("park", parks), {"year", years}, text_column("planted_stage", stages)}});
  out.truth.push_back({"events", false,
                       {{"year", Int64Column{F + 7}}, text_column("event", {"merge"}),
                        text_column("parks", {"merging-a,merging-b"})}});
  std::vector<std::string> estate_names;
  Int64Column estate_years, estate_effects;
  for (const auto& [park, year] : estates)
    if (year != 0) estate_names.push_back(park), estate_years.push_back(year), estate_effects.push_back(p_.effect_links);
  out.truth.push_back({"establishment", false,
                       {text_column("park", estate_names), {"established", estate_years}, {"planted_effect", estate_effects}}});
  out.parameters = {{"first_year", std::to_string(F)}, {"effect_links", std::to_string(p_.effect_links)}, {"last_year", std::to_string(L)},
                    {"town_firms", std::to_string(p_.town_firms)}, {"background_rate", parameter_text(p_.background_rate)},
                    {"seed", std::to_string(p_.seed)}};
  return out;
}

}  // namespace

void validate(const PanelParameters& p) {
  if (p.first_year < 1800 || p.last_year > 2100 || p.last_year - p.first_year < 11)
    throw UsageError("panel: the years must lie in 1800-2100 and span at least 12 years");
  if (p.town_firms < 10) throw UsageError("panel: --town-firms must be at least 10");
  if (!(p.background_rate >= 0 && p.background_rate <= 1)) throw UsageError("panel: --background-rate must be in [0, 1]");
  if (p.effect_links < 0 || p.effect_links > 36) throw UsageError("panel: --effect-links must be in 0-36");
}

GeneratedNetwork generate_panel(const PanelParameters& parameters) {
  validate(parameters);
  return PanelBuilder(parameters).build();
}

}  // namespace firmnet::generators
