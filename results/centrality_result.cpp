#include "results/centrality_result.hpp"

#include <algorithm>

namespace firmnet::centrality {

namespace {

// The settings each measure reads, recorded only when the measure ran.
std::vector<NamedScalar> measure_parameters(std::string_view measure, const CentralityRequest& request) {
  if (measure == "pagerank")
    return {{"pagerank_damping", request.damping},
            {"pagerank_tolerance", request.pagerank_tolerance},
            {"pagerank_max_iterations", std::int64_t{request.max_iterations}},
            {"pagerank_dangling", std::string("redistributed uniformly (igraph)")}};
  if (measure == "betweenness") {
    std::vector<NamedScalar> out{{"betweenness_samples", static_cast<std::int64_t>(request.samples)}};
    if (request.samples > 0) out.emplace_back("betweenness_failure_probability", request.failure_probability);
    if (request.epsilon > 0) {
      out.emplace_back("betweenness_method", std::string("KADABRA (Borassi & Natale 2019)"));
      out.emplace_back("betweenness_epsilon", request.epsilon);
      out.emplace_back("betweenness_delta", request.delta);
    } else {
      out.emplace_back("betweenness_method",
                       std::string(request.samples > 0 ? "pivots (Brandes & Pich 2007)" : "exact (Brandes 2001)"));
    }
    return out;
  }
  if (measure == "harmonic") return {{"harmonic_mode", std::string(request.harmonic_in ? "in" : "out")}};
  if (measure == "eigenvector" || measure == "hits") return {{"spectral_tolerance", request.spectral_tolerance}};
  if (measure == "katz") return {{"katz_alpha", request.katz_alpha}, {"katz_beta", request.katz_beta}};
  return {};
}

}  // namespace

Result centrality_result(const std::string& name, const CentralityOutcome& outcome, const CentralityRequest& request,
                         const EdgeFilter& filter, int threads) {
  Result result;
  result.name = name;
  result.method = "centrality";
  result.seed = request.seed;
  result.threads = threads;
  std::string measures;
  for (const auto& m : request.measures) measures += (measures.empty() ? "" : ",") + m;
  result.parameters = {{"measures", measures},
                       {"selection", filter.describe()},
                       {"directed", static_cast<std::int64_t>(request.directed)},
                       {"weighted", static_cast<std::int64_t>(request.weighted)},
                       {"normalized", static_cast<std::int64_t>(request.normalized)},
                       {"parallel_edges", std::string("folded, weights summed")}};
  for (const auto& measure : request.measures)
    for (auto& parameter : measure_parameters(measure, request))
      if (std::none_of(result.parameters.begin(), result.parameters.end(),
                       [&](const NamedScalar& p) { return p.first == parameter.first; }))
        result.parameters.push_back(std::move(parameter));
  for (const auto& column : outcome.columns)
    std::visit([&](const auto& values) { result.add_column(column.name, values); }, column.values);
  for (const auto& fact : outcome.facts)
    result.scalars.emplace_back(fact.name, std::visit([](auto v) { return ScalarValue(v); }, fact.value));
  return result;
}

}  // namespace firmnet::centrality
