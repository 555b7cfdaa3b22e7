#include "algorithms/clusters/markusen_typology.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "graph/errors.hpp"

namespace firmnet::clusters {
namespace {

CriterionCheck criterion(std::string figure, double value, double threshold, bool at_most) {
  CriterionCheck c{std::move(figure), value, threshold, at_most, 0};
  if (std::isnan(value)) return c;
  if (at_most) c.margin = value <= 0 ? kMarginCap : std::min(kMarginCap, threshold / value);
  else c.margin = threshold <= 0 ? kMarginCap : std::min(kMarginCap, value / threshold);
  return c;
}

TypeScore score(std::string type, std::vector<CriterionCheck> criteria) {
  TypeScore s{std::move(type), kMarginCap, std::move(criteria)};
  for (const CriterionCheck& c : s.criteria) s.score = std::min(s.score, c.margin);
  return s;
}

std::string describe(const TypeScore& s) {
  std::string text = s.type + ":";
  for (const CriterionCheck& c : s.criteria) {
    char buffer[160];
    std::snprintf(buffer, sizeof buffer, " %s %.3g %s %.3g;", c.figure.c_str(), c.value,
                  c.at_most ? (c.margin >= 1 ? "<=" : ">") : (c.margin >= 1 ? ">=" : "<"), c.threshold);
    text += buffer;
  }
  text.pop_back();
  return text;
}

}  // namespace

const std::vector<std::string>& cluster_type_names() {
  static const std::vector<std::string> names{"marshallian", "hub_and_spoke", "satellite", "state_anchored"};
  return names;
}

TypeDecision classify_cluster(const ClusterSignature& g, const TypologyRules& r) {
  for (const double t : {r.marshallian_top_share, r.small_firm_employees, r.mixed_share, r.institution_reach, r.hub_share,
                         r.hub_size_ratio, r.dependent_share, r.outside_owned_share, r.external_share, r.public_share})
    if (!(t >= 0)) throw UsageError("clusters: every typology threshold must be >= 0");
  if (r.hub_anchors < 1) throw UsageError("clusters: --hub-anchors must be >= 1");
  if (!(r.close_margin >= 0 && r.close_margin <= 1)) throw UsageError("clusters: --close-margin must be in [0, 1]");
  TypeDecision d;
  d.scores.push_back(score("marshallian", {criterion("top firm share", g.top_firm_share, r.marshallian_top_share, true),
                                           criterion("median employees", g.median_employees, r.small_firm_employees, true),
                                           criterion("min(vertical, horizontal)", std::min(g.vertical_share, g.horizontal_share), r.mixed_share, false),
                                           criterion("institution reach", g.institution_reach, r.institution_reach, false)}));
  d.scores.push_back(score("hub_and_spoke", {criterion("anchor share", g.hub_share, r.hub_share, false),
                                             criterion("anchor size ratio", g.anchor_size_ratio, r.hub_size_ratio, false),
                                             criterion("dependent suppliers", g.dependent_share, r.dependent_share, false)}));
  d.scores.push_back(score("satellite", {criterion("owned from outside", g.outside_owned_share, r.outside_owned_share, false),
                                         criterion("external orientation", g.external_orientation, r.external_share, false)}));
  d.scores.push_back(score("state_anchored", {criterion("public anchor share", g.public_share, r.public_share, false)}));
  std::vector<std::size_t> order(d.scores.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return d.scores[a].score > d.scores[b].score; });
  const TypeScore& best = d.scores[order[0]];
  const TypeScore& second = d.scores[order[1]];
  d.score = best.score;
  d.type = best.score >= 1 ? best.type : kUnclassified;
  d.reason = describe(best);
  if (second.score > 0 && second.score >= (1 - r.close_margin) * best.score) {
    d.runner_up = second.type;
    d.runner_up_score = second.score;
    d.reason += " | runner-up " + describe(second);
  }
  return d;
}

}  // namespace firmnet::clusters
