// Co-location indices (location quotient, Ellison-Glaeser gamma and coagglomeration,
// Herfindahl, locational Gini) on hand-computed worked examples from the formulas of
// docs/concentration.md, on a dense brute-force re-implementation, and on firms located with
// a planted EG gamma.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <random>

#include "algorithms/spatial/coagglomeration.hpp"
#include "algorithms/spatial/concentration.hpp"
#include "results/concentration_result.hpp"
#include "algorithms/spatial/ellison_glaeser.hpp"
#include "algorithms/spatial/herfindahl.hpp"
#include "algorithms/spatial/location_quotient.hpp"
#include "algorithms/spatial/locational_gini.hpp"
#include "graph/errors.hpp"
#include "graph/graph.hpp"

using namespace firmnet;
using namespace firmnet::spatial;
using Catch::Matchers::WithinAbs;

namespace {

constexpr double kTolerance = 1e-12;

struct FirmSpec {
  std::string industry, region, park;
  double employees = NAN;
  NodeKind kind = NodeKind::firm;
};

// A Graph whose node table holds the given firms, with a few supply links between them
// (the indices read only the node table; the links make the graph a realistic input).
Graph firm_graph(const std::vector<FirmSpec>& firms) {
  NodeTable nodes;
  StringColumnBuilder industry, region, park, blank;
  for (std::size_t v = 0; v < firms.size(); ++v) {
    nodes.id.push_back("f" + std::to_string(v));
    nodes.name.push_back("");
    nodes.kind.push_back(firms[v].kind);
    industry.push_back(firms[v].industry);
    region.push_back(firms[v].region);
    park.push_back(firms[v].park);
    blank.push_missing();
    nodes.employees.push_back(firms[v].employees);
  }
  const std::size_t n = firms.size();
  nodes.industry = std::move(industry).finish();
  nodes.region = std::move(region).finish();
  nodes.park = std::move(park).finish();
  nodes.stage = nodes.ownership = std::move(blank).finish();
  nodes.lat.assign(n, NAN);
  nodes.lon.assign(n, NAN);
  nodes.revenue.assign(n, NAN);
  nodes.founded.assign(n, 0);
  nodes.closed.assign(n, 0);
  GraphBuilder builder(std::move(nodes));
  for (NodeId v = 1; v < n; ++v) builder.add_edge(v - 1, v, RelationType::supply, 1.0);
  return std::move(builder).finish();
}

std::uint32_t industry(const ConcentrationData& data, const std::string& name) {
  const auto i = data.find_industry(name);
  REQUIRE(i.has_value());
  return *i;
}

// LQ of (unit, industry) from the report, 0 when the cell holds no firm.
double lq_of(const ConcentrationOutcome& r, const std::string& unit, const std::string& industry_name) {
  const ConcentrationData& d = r.data;
  const std::uint32_t i = industry(d, industry_name);
  for (std::uint64_t c = d.cell_offsets[i]; c < d.cell_offsets[i + 1]; ++c)
    if (d.unit_names[d.cell_unit[c]] == unit) return r.location_quotient[c];
  return 0.0;
}

// Example 1 (employees). Regions R1, R2; industries A, B.
//   R1: A 10, A 10, B 20        R2: B 40, B 20
// e = 100, e_R1 = 40, e_R2 = 60: x = (0.4, 0.6), sum x^2 = 0.52, 1 - sum x^2 = 0.48.
std::vector<FirmSpec> example_one() {
  return {{"A", "R1", "P1", 10}, {"A", "R1", "P1", 10}, {"B", "R1", "P1", 20}, {"B", "R2", "P2", 40},
          {"B", "R2", "P3", 20}};
}

// Example 2 (firm counts, because one firm lacks employees). Regions P, Q, R; industries X, Y, Z.
//   P: X X Y Y     Q: X Y Z Z     R: Z Z Z Z
// e = 12, x = (1/3, 1/3, 1/3), sum x^2 = 1/3, 1 - sum x^2 = 2/3.
// Plus firms out of scope: no region, no industry, neither, and a university (not a firm).
std::vector<FirmSpec> example_two() {
  std::vector<FirmSpec> f = {{"X", "P", "", 100}, {"X", "P", "", 100}, {"Y", "P", "", 100}, {"Y", "P", "", 100},
                             {"X", "Q", "", 100}, {"Y", "Q", "", 100}, {"Z", "Q", "", 100}, {"Z", "Q", "", 100},
                             {"Z", "R", "", 100}, {"Z", "R", "", 100}, {"Z", "R", "", 100}, {"Z", "R", "", NAN}};
  f.push_back({"X", "", "", 50});
  f.push_back({"", "P", "", 50});
  f.push_back({"", "", "", 50});
  f.push_back({"X", "P", "", 5000, NodeKind::university});
  return f;
}

}  // namespace

TEST_CASE("Worked example 1: LQ, EG gamma strongly positive and negative, Gini, HHI", "[concentration]") {
  const Graph g = firm_graph(example_one());
  ConcentrationRequest options;
  options.min_firms = 1;
  const ConcentrationOutcome r = run_concentration(GraphView(g), options);
  const ConcentrationData& d = r.data;
  CHECK(d.measure == SizeMeasure::employees);
  CHECK(d.scope.in_scope == 5);
  CHECK_THAT(d.total_size, WithinAbs(100, kTolerance));
  CHECK_THAT(d.sum_x_squared, WithinAbs(0.52, kTolerance));
  const std::uint32_t a = industry(d, "A"), b = industry(d, "B");

  // A: e_A = 20, all in R1: s = (1, 0). G = 0.6^2 + 0.6^2 = 0.72; H = 0.5^2 + 0.5^2 = 0.5.
  // gamma = (0.72 - 0.48 * 0.5) / (0.48 * 0.5) = 0.48 / 0.24 = 2 (strong agglomeration).
  CHECK_THAT(r.ellison_glaeser[a].G, WithinAbs(0.72, kTolerance));
  CHECK_THAT(r.ellison_glaeser[a].H, WithinAbs(0.5, kTolerance));
  CHECK_THAT(r.ellison_glaeser[a].gamma, WithinAbs(2.0, kTolerance));
  // B: e_B = 80, s = (0.25, 0.75). G = 0.15^2 + 0.15^2 = 0.045;
  // H = 0.25^2 + 0.5^2 + 0.25^2 = 0.375; gamma = (0.045 - 0.18) / (0.48 * 0.625) = -0.45 (dispersion).
  CHECK_THAT(r.ellison_glaeser[b].G, WithinAbs(0.045, kTolerance));
  CHECK_THAT(r.ellison_glaeser[b].H, WithinAbs(0.375, kTolerance));
  CHECK_THAT(r.ellison_glaeser[b].gamma, WithinAbs(-0.45, kTolerance));
  CHECK(r.ellison_glaeser[b].degeneracy == Degeneracy::none);

  // LQ: A in R1 = (20/40) / (20/100) = 2.5; B in R1 = 0.5 / 0.8 = 0.625; B in R2 = 1 / 0.8 = 1.25.
  CHECK_THAT(lq_of(r, "R1", "A"), WithinAbs(2.5, kTolerance));
  CHECK_THAT(lq_of(r, "R1", "B"), WithinAbs(0.625, kTolerance));
  CHECK_THAT(lq_of(r, "R2", "B"), WithinAbs(1.25, kTolerance));
  CHECK(lq_of(r, "R2", "A") == 0.0);

  // Gini A: R2 (LQ 0) then R1: 1 - [0.6 (0 + 0) + 0.4 (1 + 0)] = 0.6.
  // Gini B: R1 (0.625) then R2 (1.25): 1 - [0.4 (0.25 + 0) + 0.6 (1 + 0.25)] = 1 - 0.85 = 0.15.
  CHECK_THAT(r.gini[a], WithinAbs(0.6, kTolerance));
  CHECK_THAT(r.gini[b], WithinAbs(0.15, kTolerance));
  // HHI over regions: A = 1^2 = 1; B = 0.25^2 + 0.75^2 = 0.625. Over firms = H.
  CHECK_THAT(r.hhi_units[a], WithinAbs(1.0, kTolerance));
  CHECK_THAT(r.hhi_units[b], WithinAbs(0.625, kTolerance));
  CHECK_THAT(r.hhi_firms[b], WithinAbs(0.375, kTolerance));

  // Coagglomeration {A, B}: the group is everything, so s = x and G = 0. w = (0.2, 0.8),
  // sum w^2 = 0.68, H = 0.04 * 0.5 + 0.64 * 0.375 = 0.26,
  // sum gamma_i w_i^2 (1 - H_i) = 2 * 0.04 * 0.5 + (-0.45) * 0.64 * 0.625 = 0.04 - 0.18 = -0.14,
  // gamma_c = (0 / 0.48 - 0.26 + 0.14) / (1 - 0.68) = -0.12 / 0.32 = -0.375.
  REQUIRE(r.pairs.size() == 1);
  CHECK_THAT(r.pairs[0].G, WithinAbs(0.0, kTolerance));
  CHECK_THAT(r.pairs[0].H, WithinAbs(0.26, kTolerance));
  CHECK_THAT(r.pairs[0].gamma_c, WithinAbs(-0.375, kTolerance));
}

TEST_CASE("Worked example 2: firm-count fallback, coagglomeration, out-of-scope firms counted", "[concentration]") {
  const Graph g = firm_graph(example_two());
  ConcentrationRequest options;
  options.min_firms = 1;
  options.group = {"X", "Y", "Z"};
  const ConcentrationOutcome r = run_concentration(GraphView(g), options);
  const ConcentrationData& d = r.data;
  // One in-scope firm lacks employees, so the whole run uses firm counts.
  CHECK(d.measure == SizeMeasure::firm_count);
  CHECK(d.scope.firms == 15);
  CHECK(d.scope.in_scope == 12);
  CHECK(d.scope.missing_unit == 1);
  CHECK(d.scope.missing_industry == 1);
  CHECK(d.scope.missing_both == 1);
  CHECK(d.scope.missing_employees == 1);
  CHECK(d.scope.excluded_missing_employees == 0);
  CHECK_THAT(d.total_size, WithinAbs(12, kTolerance));
  CHECK_THAT(d.sum_x_squared, WithinAbs(1.0 / 3, kTolerance));
  const std::uint32_t x = industry(d, "X"), y = industry(d, "Y"), z = industry(d, "Z");

  // X: s = (2/3, 1/3, 0), G = (1/3)^2 + 0 + (1/3)^2 = 2/9, H = 3 (1/3)^2 = 1/3,
  // gamma = (2/9 - (2/3)(1/3)) / ((2/3)(2/3)) = 0 (as random). Y is the same.
  CHECK_THAT(r.ellison_glaeser[x].G, WithinAbs(2.0 / 9, kTolerance));
  CHECK_THAT(r.ellison_glaeser[x].H, WithinAbs(1.0 / 3, kTolerance));
  CHECK_THAT(r.ellison_glaeser[x].gamma, WithinAbs(0.0, kTolerance));
  CHECK_THAT(r.ellison_glaeser[y].gamma, WithinAbs(0.0, kTolerance));
  // Z: s = (0, 1/3, 2/3), G = 2/9, H = 1/6, gamma = (2/9 - 1/9) / ((2/3)(5/6)) = 0.2.
  CHECK_THAT(r.ellison_glaeser[z].G, WithinAbs(2.0 / 9, kTolerance));
  CHECK_THAT(r.ellison_glaeser[z].H, WithinAbs(1.0 / 6, kTolerance));
  CHECK_THAT(r.ellison_glaeser[z].gamma, WithinAbs(0.2, kTolerance));

  // LQ: X in P = (2/4) / (3/12) = 2; Z in Q = (2/4) / (6/12) = 1; Z in R = (4/4) / (6/12) = 2.
  CHECK_THAT(lq_of(r, "P", "X"), WithinAbs(2.0, kTolerance));
  CHECK_THAT(lq_of(r, "Q", "Z"), WithinAbs(1.0, kTolerance));
  CHECK_THAT(lq_of(r, "R", "Z"), WithinAbs(2.0, kTolerance));
  // Gini Z: P (LQ 0), Q (1), R (2): 1 - [1/3 (1/3 + 0) + 1/3 (1 + 1/3)] = 1 - 5/9 = 4/9.
  CHECK_THAT(r.gini[z], WithinAbs(4.0 / 9, kTolerance));
  CHECK_THAT(r.gini[x], WithinAbs(4.0 / 9, kTolerance));

  // Pair X, Y: group s = (4/6, 2/6, 0), G = 2/9; w = (1/2, 1/2), sum w^2 = 1/2,
  // H = 1/4 * 1/3 * 2 = 1/6; gamma_c = ((2/9) / (2/3) - 1/6 - 0) / (1/2) = 1/3 (located together).
  // Pair X, Z: s = (2/9, 3/9, 4/9), G = 2/81; w = (1/3, 2/3), sum w^2 = 5/9,
  // H = 1/9 * 1/3 + 4/9 * 1/6 = 1/9; sum gamma_i w_i^2 (1 - H_i) = 0.2 * 4/9 * 5/6 = 2/27;
  // gamma_c = (1/27 - 3/27 - 2/27) / (4/9) = -1/3. Pair Y, Z is the same.
  REQUIRE(r.pairs.size() == 3);
  std::map<std::pair<std::string, std::string>, double> pair_gamma;
  for (const auto& p : r.pairs)  // pairs list the larger industry first; key by name order
    pair_gamma[std::minmax(d.industry_names[p.industries[0]], d.industry_names[p.industries[1]])] = p.gamma_c;
  CHECK_THAT(pair_gamma.at({"X", "Y"}), WithinAbs(1.0 / 3, kTolerance));
  CHECK_THAT(pair_gamma.at({"X", "Z"}), WithinAbs(-1.0 / 3, kTolerance));
  CHECK_THAT(pair_gamma.at({"Y", "Z"}), WithinAbs(-1.0 / 3, kTolerance));
  CHECK_THAT(r.pairs.front().gamma_c, WithinAbs(1.0 / 3, kTolerance));  // sorted descending

  // Group {X, Y, Z}: G = 0; w = (1/4, 1/4, 1/2), sum w^2 = 3/8, H = 2/16 * 1/3 + 1/4 * 1/6 = 1/12,
  // sum gamma_i w_i^2 (1 - H_i) = 0.2 * 1/4 * 5/6 = 1/24; gamma_c = (0 - 1/12 - 1/24) / (5/8) = -0.2.
  REQUIRE(r.group.has_value());
  CHECK_THAT(r.group->G, WithinAbs(0.0, kTolerance));
  CHECK_THAT(r.group->H, WithinAbs(1.0 / 12, kTolerance));
  CHECK_THAT(r.group->gamma_c, WithinAbs(-0.2, kTolerance));

  // Forcing employees leaves the firm without employees out and counts it.
  options.measure = SizeMeasure::employees;
  const ConcentrationOutcome forced = run_concentration(GraphView(g), options);
  CHECK(forced.data.measure == SizeMeasure::employees);
  CHECK(forced.data.scope.in_scope == 11);
  CHECK(forced.data.scope.excluded_missing_employees == 1);
  CHECK_THAT(forced.data.total_size, WithinAbs(1100, kTolerance));
  // Forcing firm counts on example 1 ignores its (complete) employment.
  ConcentrationRequest counts;
  counts.measure = SizeMeasure::firm_count;
  const ConcentrationOutcome r1 = run_concentration(GraphView(firm_graph(example_one())), counts);
  CHECK(r1.data.measure == SizeMeasure::firm_count);
  CHECK_THAT(r1.data.total_size, WithinAbs(5, kTolerance));
}

TEST_CASE("Degenerate cases give NaN with a reason", "[concentration]") {
  SECTION("single region: sum x^2 = 1") {
    const Graph g = firm_graph({{"A", "R", "", 5}, {"A", "R", "", 7}, {"B", "R", "", 3}, {"B", "R", "", 1}});
    const ConcentrationOutcome r = run_concentration(GraphView(g), {});
    for (const auto& eg : r.ellison_glaeser) {
      CHECK(std::isnan(eg.gamma));
      CHECK(eg.degeneracy == Degeneracy::single_unit);
    }
    // One region: X_1 = Y_1 = 1, Gini = 1 - 1 * (1 + 0) = 0; every LQ is 1.
    for (double gini : r.gini) CHECK_THAT(gini, WithinAbs(0.0, kTolerance));
    for (double lq : r.location_quotient) CHECK_THAT(lq, WithinAbs(1.0, kTolerance));
    const std::uint32_t group[] = {0, 1};
    CHECK(coagglomeration(r.data, r.ellison_glaeser, group).degeneracy == Degeneracy::single_unit);
    CHECK(std::isnan(coagglomeration(r.data, r.ellison_glaeser, group).gamma_c));
  }
  SECTION("one-firm industry: H = 1; its coagglomeration uses gamma_i (1 - H_i) = G_i / (1 - sum x^2) - H_i") {
    // Firm counts: A: one firm in R1; B: one firm in R1, one in R2. x = (2/3, 1/3), 1 - sum x^2 = 4/9.
    const Graph g = firm_graph({{"A", "R1", ""}, {"B", "R1", ""}, {"B", "R2", ""}});
    const ConcentrationOutcome r = run_concentration(GraphView(g), {});
    const std::uint32_t a = industry(r.data, "A"), b = industry(r.data, "B");
    CHECK(std::isnan(r.ellison_glaeser[a].gamma));
    CHECK(r.ellison_glaeser[a].degeneracy == Degeneracy::single_firm);
    CHECK(degeneracy_reason(Degeneracy::single_firm).find("H = 1") != std::string_view::npos);
    // G_A = (1/3)^2 * 2 = 2/9. B: s = (1/2, 1/2), G = 2 (1/6)^2 = 1/18, H = 1/2,
    // gamma_B = (1/18 - 2/9) / (2/9) = -3/4.
    CHECK_THAT(r.ellison_glaeser[a].G, WithinAbs(2.0 / 9, kTolerance));
    CHECK_THAT(r.ellison_glaeser[b].gamma, WithinAbs(-0.75, kTolerance));
    // Pair: G = 0, w = (1/3, 2/3), H = 1/9 + 4/9 * 1/2 = 1/3;
    // terms: A: 1/9 * ((2/9)/(4/9) - 1) = -1/18; B: 4/9 * (-3/4) * 1/2 = -1/6; sum -2/9;
    // gamma_c = (0 - 1/3 + 2/9) / (1 - 5/9) = -1/4. Check: (G - sum w^2 G_i) / ((1 - sum x^2)(1 - sum w^2))
    // = -(1/9 * 2/9 + 4/9 * 1/18) / (4/9 * 4/9) = -1/4.
    const std::uint32_t group[] = {a, b};
    const Coagglomeration c = coagglomeration(r.data, r.ellison_glaeser, group);
    CHECK(c.degeneracy == Degeneracy::none);
    CHECK_THAT(c.H, WithinAbs(1.0 / 3, kTolerance));
    CHECK_THAT(c.gamma_c, WithinAbs(-0.25, kTolerance));
  }
  SECTION("zero employment in an industry, and no usable firm at all") {
    const Graph g = firm_graph({{"A", "R1", "", 0}, {"A", "R2", "", 0}, {"B", "R1", "", 4}, {"B", "R2", "", 6}});
    const ConcentrationOutcome r = run_concentration(GraphView(g), {});
    const std::uint32_t a = industry(r.data, "A");
    CHECK(r.data.measure == SizeMeasure::employees);
    CHECK(r.ellison_glaeser[a].degeneracy == Degeneracy::no_size);
    CHECK(std::isnan(r.ellison_glaeser[a].gamma));
    CHECK(std::isnan(r.gini[a]));
    CHECK(std::isnan(r.hhi_units[a]));
    CHECK(std::isnan(lq_of(r, "R1", "A")));
    const ConcentrationOutcome empty = run_concentration(GraphView(firm_graph({{"", "R1", "", 3}})), {});
    CHECK(empty.data.scope.in_scope == 0);
    CHECK(empty.data.industry_count() == 0);
    CHECK(empty.pairs.empty());
  }
  SECTION("bad requests") {
    const Graph g = firm_graph(example_one());
    ConcentrationRequest options;
    options.group = {"A"};
    CHECK_THROWS_AS(run_concentration(GraphView(g), options), UsageError);
    options.group = {"A", "nonexistent"};
    CHECK_THROWS_AS(run_concentration(GraphView(g), options), UsageError);
    options.group = {"A", "A"};
    CHECK_THROWS_AS(run_concentration(GraphView(g), options), UsageError);
    options.group.clear();
    options.industry_level = -1;
    CHECK_THROWS_AS(run_concentration(GraphView(g), options), UsageError);
  }
}

TEST_CASE("Industry level truncation and the park unit", "[concentration]") {
  CHECK(truncate_industry("C3670", 3) == "C36");
  CHECK(truncate_industry("C3670", 0) == "C3670");
  CHECK(truncate_industry("C3670", 9) == "C3670");
  CHECK(truncate_industry("制造业A", 2) == "制造");  // code points, not bytes
  // Example 1 with codes A1/A2 and B1 at level 1 equals example 1 itself.
  std::vector<FirmSpec> firms = example_one();
  firms[0].industry = "A1";
  firms[1].industry = "A2";
  firms[3].industry = "B7";
  ConcentrationRequest options;
  options.industry_level = 1;
  const ConcentrationOutcome r = run_concentration(GraphView(firm_graph(firms)), options);
  REQUIRE(r.data.industry_names == std::vector<std::string>{"A", "B"});
  CHECK_THAT(r.ellison_glaeser[0].gamma, WithinAbs(2.0, kTolerance));
  CHECK_THAT(r.ellison_glaeser[1].gamma, WithinAbs(-0.45, kTolerance));
  // By park: P1 holds A 10, A 10, B 20; P2 holds B 40; P3 holds B 20. x = (0.4, 0.4, 0.2).
  // A: s = (1, 0, 0): G = 0.36 + 0.16 + 0.04 = 0.56, gamma = (0.56 - 0.64 * 0.5) / (0.64 * 0.5) = 0.75.
  options.unit = SpatialUnit::park;
  const ConcentrationOutcome parks = run_concentration(GraphView(firm_graph(firms)), options);
  CHECK(parks.data.unit_names == std::vector<std::string>{"P1", "P2", "P3"});
  CHECK_THAT(parks.ellison_glaeser[0].G, WithinAbs(0.56, kTolerance));
  CHECK_THAT(parks.ellison_glaeser[0].gamma, WithinAbs(0.75, kTolerance));
}

namespace {

// Dense, direct transcription of the formulas of docs/concentration.md: every unit visited,
// the Gini over a full sort of all units by LQ, gamma_c with gamma_i taken literally.
struct DenseIndices {
  std::vector<std::vector<double>> lq;  // [industry][unit]
  std::vector<double> G, H, gamma, gini;
};

DenseIndices dense_indices(const std::vector<std::uint32_t>& firm_industry, const std::vector<std::uint32_t>& firm_unit,
                           const std::vector<double>& size, std::size_t industries, std::size_t units) {
  std::vector<std::vector<double>> e(industries, std::vector<double>(units, 0.0));
  std::vector<double> e_i(industries, 0.0), e_r(units, 0.0), squares(industries, 0.0);
  double total = 0;
  for (std::size_t k = 0; k < size.size(); ++k) {
    e[firm_industry[k]][firm_unit[k]] += size[k];
    e_i[firm_industry[k]] += size[k];
    e_r[firm_unit[k]] += size[k];
    total += size[k];
  }
  for (std::size_t k = 0; k < size.size(); ++k) squares[firm_industry[k]] += std::pow(size[k] / e_i[firm_industry[k]], 2);
  double sum_x2 = 0;
  for (double v : e_r) sum_x2 += std::pow(v / total, 2);
  DenseIndices out;
  out.lq.assign(industries, std::vector<double>(units));
  for (std::size_t i = 0; i < industries; ++i) {
    double G = 0;
    for (std::size_t j = 0; j < units; ++j) {
      out.lq[i][j] = (e[i][j] / e_r[j]) / (e_i[i] / total);
      G += std::pow(e[i][j] / e_i[i] - e_r[j] / total, 2);
    }
    out.G.push_back(G);
    out.H.push_back(squares[i]);
    out.gamma.push_back((G - (1 - sum_x2) * squares[i]) / ((1 - sum_x2) * (1 - squares[i])));
    std::vector<std::size_t> order(units);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return out.lq[i][a] < out.lq[i][b]; });
    double X = 0, Y = 0, sum = 0;
    for (std::size_t j : order) {
      const double X_next = X + e_r[j] / total, Y_next = Y + e[i][j] / e_i[i];
      sum += (X_next - X) * (Y_next + Y);
      X = X_next;
      Y = Y_next;
    }
    out.gini.push_back(1 - sum);
  }
  return out;
}

}  // namespace

TEST_CASE("Sparse indices equal a dense transcription of the formulas on random data", "[concentration]") {
  std::mt19937_64 rng(20261122);
  const std::size_t units = 13, industries = 9, firms = 400;
  std::vector<FirmSpec> specs;
  std::vector<std::uint32_t> firm_industry, firm_unit;
  std::vector<double> size;
  std::uniform_int_distribution<std::uint32_t> pick_unit(0, units - 1), pick_industry(0, industries - 1);
  std::lognormal_distribution<double> employees(3.0, 1.2);
  for (std::size_t k = 0; k < firms; ++k) {
    // Industry i favours units near 1.3 i so that the industries differ in concentration.
    const std::uint32_t i = pick_industry(rng);
    const std::uint32_t j = rng() % 3 == 0 ? pick_unit(rng) : static_cast<std::uint32_t>((i * 13 / 10 + rng() % 2) % units);
    const double e = std::round(employees(rng)) + 1;
    // Names sort like the indices ("i0".."i8", "u00".."u12").
    specs.push_back({"i" + std::to_string(i), (j < 10 ? "u0" : "u") + std::to_string(j), "", e});
    firm_industry.push_back(i);
    firm_unit.push_back(j);
    size.push_back(e);
  }
  ConcentrationRequest options;
  options.min_firms = 1;
  const ConcentrationOutcome r = run_concentration(GraphView(firm_graph(specs)), options);
  REQUIRE(r.data.unit_count() == units);
  REQUIRE(r.data.industry_count() == industries);
  const DenseIndices dense = dense_indices(firm_industry, firm_unit, size, industries, units);
  for (std::size_t i = 0; i < industries; ++i) {
    CHECK_THAT(r.ellison_glaeser[i].G, WithinAbs(dense.G[i], kTolerance));
    CHECK_THAT(r.ellison_glaeser[i].H, WithinAbs(dense.H[i], kTolerance));
    CHECK_THAT(r.ellison_glaeser[i].gamma, WithinAbs(dense.gamma[i], 1e-11));
    CHECK_THAT(r.gini[i], WithinAbs(dense.gini[i], kTolerance));
    for (std::uint64_t c = r.data.cell_offsets[i]; c < r.data.cell_offsets[i + 1]; ++c)
      CHECK_THAT(r.location_quotient[c], WithinAbs(dense.lq[i][r.data.cell_unit[c]], kTolerance));
  }
  // Every pair: the Ellison-Glaeser gamma_c against the algebraically equal
  // (G - sum_i w_i^2 G_i) / ((1 - sum x^2)(1 - sum w^2)), with G of the pair computed densely.
  REQUIRE(r.pairs.size() == industries * (industries - 1) / 2);
  const double spread = 1 - r.data.sum_x_squared;
  for (const auto& p : r.pairs) {
    const std::uint32_t a = p.industries[0], b = p.industries[1];
    const double ea = r.data.industry_size[a], eb = r.data.industry_size[b], wa = ea / (ea + eb), wb = eb / (ea + eb);
    std::vector<double> group(units, 0.0);
    for (std::size_t k = 0; k < firms; ++k)
      if (firm_industry[k] == a || firm_industry[k] == b) group[firm_unit[k]] += size[k];
    double G = 0;
    for (std::size_t j = 0; j < units; ++j)
      G += std::pow(group[j] / (ea + eb) - r.data.unit_size[j] / r.data.total_size, 2);
    CHECK_THAT(p.G, WithinAbs(G, kTolerance));
    const double expected = (G - wa * wa * dense.G[a] - wb * wb * dense.G[b]) / (spread * (1 - wa * wa - wb * wb));
    CHECK_THAT(p.gamma_c, WithinAbs(expected, 1e-11));
  }
  // Relabelling: the same firms in reverse node order give the same numbers.
  std::vector<FirmSpec> reversed(specs.rbegin(), specs.rend());
  const ConcentrationOutcome rr = run_concentration(GraphView(firm_graph(reversed)), options);
  for (std::size_t i = 0; i < industries; ++i) {
    CHECK_THAT(rr.ellison_glaeser[i].gamma, WithinAbs(r.ellison_glaeser[i].gamma, 1e-11));
    CHECK_THAT(rr.gini[i], WithinAbs(r.gini[i], kTolerance));
  }
}

TEST_CASE("EG gamma recovers a planted spillover gamma and is ~0 under random location", "[concentration]") {
  // Ellison-Glaeser's model: with probability gamma0 an industry's firms all pick one common
  // unit (drawn with probabilities x_j), otherwise each firm picks independently; then
  // E[gamma] = gamma0. Averaged over many industries the estimate must sit near gamma0.
  const std::vector<double> x = {0.3, 0.2, 0.15, 0.1, 0.1, 0.05, 0.05, 0.05};
  for (const double gamma0 : {0.0, 0.3}) {
    std::mt19937_64 rng(7 + static_cast<std::uint64_t>(gamma0 * 10));
    std::discrete_distribution<std::uint32_t> location(x.begin(), x.end());
    std::bernoulli_distribution together(gamma0);
    std::vector<FirmSpec> specs;
    const int industries = 600, firms_per_industry = 12;
    for (int i = 0; i < industries; ++i) {
      const bool joint = together(rng);
      const std::uint32_t common = location(rng);
      for (int k = 0; k < firms_per_industry; ++k) {
        const std::uint32_t j = joint ? common : location(rng);
        specs.push_back({"ind" + std::to_string(i), "u" + std::to_string(j), "", 1.0 + k % 3});
      }
    }
    ConcentrationRequest options;
    options.pair_industries = 0;
    const ConcentrationOutcome r = run_concentration(GraphView(firm_graph(specs)), options);
    REQUIRE(r.data.industry_count() == static_cast<std::size_t>(industries));
    double mean = 0, variance = 0;
    for (const auto& eg : r.ellison_glaeser) mean += eg.gamma / industries;
    for (const auto& eg : r.ellison_glaeser) variance += (eg.gamma - mean) * (eg.gamma - mean) / (industries - 1);
    // Within three standard errors of the mean (about 0.003 for gamma0 = 0, 0.02 for 0.3).
    const double standard_error = std::sqrt(variance / industries);
    CHECK(standard_error < 0.025);
    CHECK_THAT(mean, WithinAbs(gamma0, 3 * standard_error));
  }
}

TEST_CASE("The stored result holds the three tables and the run's parameters", "[concentration]") {
  ConcentrationRequest options;
  options.min_firms = 1;
  options.group = {"A", "B"};
  const ConcentrationOutcome r = run_concentration(GraphView(firm_graph(example_one())), options);
  const Result result = concentration_result("conc", r, options, 2);
  CHECK(result.name == "conc");
  CHECK(result.threads == 2);
  CHECK(result.method == "concentration");
  CHECK(result.node_columns.empty());
  CHECK(std::get<std::string>(result.parameter("measure")) == "employees");
  CHECK(std::get<std::string>(result.parameter("by")) == "region");
  CHECK(std::get<std::int64_t>(result.parameter("industry_level")) == 0);
  CHECK_THAT(std::get<double>(result.scalar("group_gamma_c")), WithinAbs(-0.375, kTolerance));
  CHECK(std::get<std::string>(result.parameter("totals")).empty());
  CHECK(std::get<std::int64_t>(result.parameter("distance")) == 0);
  REQUIRE(result.tables.size() == 3);
  const ResultTable& industries = result.tables[0];
  CHECK(industries.name == "industries");
  const auto& gamma = std::get<Float64Column>(industries.columns[6].values);
  CHECK(industries.columns[6].name == "gamma");
  CHECK_THAT(gamma[1], WithinAbs(-0.45, kTolerance));
  const ResultTable& lq = result.tables[1];
  CHECK(lq.name == "location_quotients");
  CHECK(lq.columns[0].size() == 3);
  const auto& region = std::get<StringColumn>(lq.columns[0].values);
  const auto& lq_values = std::get<Float64Column>(lq.columns[4].values);
  CHECK(region.value(0) == "R1");
  CHECK_THAT(lq_values[0], WithinAbs(2.5, kTolerance));
  CHECK(result.tables[2].name == "coagglomeration");
  CHECK(result.tables[2].columns[0].size() == 1);
}
