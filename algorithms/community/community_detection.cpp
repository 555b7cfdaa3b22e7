// Runs, best-run selection, quality, statistics and stability for `firmnet communities`.
#include "algorithms/community/community_detection.hpp"

#include <omp.h>

#include <cmath>
#include <limits>
#include <numeric>

#include "algorithms/community/igraph_methods.hpp"
#include "algorithms/community/modularity.hpp"
#include "graph/errors.hpp"

namespace firmnet::community {

namespace {

constexpr std::pair<Method, std::string_view> kMethodNames[] = {
    {Method::leiden, "leiden"},   {Method::louvain, "louvain"},       {Method::infomap, "infomap"},
    {Method::lpa, "lpa"},         {Method::walktrap, "walktrap"},     {Method::fastgreedy, "fastgreedy"},
    {Method::igraph_leiden, "igraph-leiden"},
};

bool uses_objective(Method method) {
  return method == Method::leiden || method == Method::louvain || method == Method::igraph_leiden;
}

}  // namespace

std::string_view method_name(Method method) {
  for (auto [m, name] : kMethodNames)
    if (m == method) return name;
  return "leiden";
}

std::optional<Method> parse_method(std::string_view text) {
  for (auto [m, name] : kMethodNames)
    if (name == text) return m;
  if (text == "label_propagation" || text == "label-propagation") return Method::lpa;
  if (text == "fast_greedy" || text == "fast-greedy") return Method::fastgreedy;
  if (text == "igraph_leiden") return Method::igraph_leiden;
  return std::nullopt;
}

std::string method_names() {
  std::string out;
  for (auto [m, name] : kMethodNames) out += (out.empty() ? "" : "|") + std::string(name);
  return out;
}

Detection detect_communities(const GraphView& view, const DetectionRequest& request, const Progress& progress) {
  if (request.runs < 1) throw UsageError("--runs must be at least 1");
  if (!(request.resolution >= 0) || !std::isfinite(request.resolution))
    throw UsageError("--resolution must be a finite number >= 0");
  if (request.method == Method::infomap && request.infomap_trials < 1) throw UsageError("--trials must be at least 1");
  if (request.method == Method::walktrap && request.walktrap_steps < 1) throw UsageError("--steps must be at least 1");
  if (request.objective == Objective::cpm && !uses_objective(request.method))
    throw UsageError("--objective cpm applies to leiden, louvain and igraph-leiden only");
  if (request.objective == Objective::spatial_modularity && request.method != Method::leiden &&
      request.method != Method::louvain)
    throw UsageError("--objective spatial applies to leiden and louvain only");

  const double start = omp_get_wtime();
  const WeightedCsr symmetric = undirected_projection(view);
  const WeightedCsr directed = directed_csr(view);
  const NodeId n = symmetric.node_count();
  const double gamma = request.objective == Objective::modularity ? request.resolution : 1.0;
  const Coordinates coordinates{view.graph().nodes.lat, view.graph().nodes.lon};
  std::optional<DeterrenceFunction> deterrence;
  if (request.objective == Objective::spatial_modularity)
    deterrence = fit_deterrence(symmetric, coordinates, request.deterrence, progress);

  std::vector<Membership> runs;
  std::vector<double> scores, codelengths;
  for (int run = 0; run < request.runs; ++run) {
    progress.report("communities", static_cast<double>(run) / request.runs);
    const std::uint64_t seed = request.seed + static_cast<std::uint64_t>(run);
    Membership m;
    double score = 0, codelength = 0;
    switch (request.method) {
      case Method::leiden:
      case Method::louvain: {
        LeidenOptions options;
        options.objective = request.objective;
        options.resolution = request.resolution;
        options.refine = request.method == Method::leiden;
        options.max_iterations = request.iterations;
        options.seed = seed;
        if (deterrence) {
          options.coordinates = coordinates;
          options.deterrence = &*deterrence;
        }
        LeidenResult result = leiden(symmetric, options);
        m = std::move(result.membership);
        score = result.quality;
        break;
      }
      case Method::igraph_leiden:
        m = igraph_leiden(symmetric, request.objective, request.resolution, request.iterations > 0 ? request.iterations : -1,
                          seed);
        break;
      case Method::infomap:
        m = infomap(directed, request.infomap_trials, seed, &codelength);
        score = -codelength;
        break;
      case Method::lpa:
        m = label_propagation(symmetric, seed);
        break;
      case Method::walktrap:
        m = walktrap(symmetric, request.walktrap_steps);
        break;
      case Method::fastgreedy:
        m = fast_greedy(symmetric);
        break;
    }
    if (request.method != Method::leiden && request.method != Method::louvain && request.method != Method::infomap) {
      score = n == 0 ? 0.0
              : request.objective == Objective::cpm ? cpm_quality(symmetric, m, request.resolution)
                                                    : modularity(symmetric, m, gamma);
    }
    runs.push_back(std::move(m));
    scores.push_back(score);
    codelengths.push_back(codelength);
  }

  Detection d;
  d.best_run = static_cast<std::size_t>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  d.membership = runs[d.best_run];
  d.community_count = canonical_relabel(d.membership);
  runs[d.best_run] = d.membership;
  d.codelength = codelengths[d.best_run];
  d.quality = request.method == Method::infomap ? (n ? modularity(symmetric, d.membership, gamma) : 0.0)
                                                : scores[d.best_run];
  if (n > 0) {
    d.modularity = modularity(symmetric, d.membership, gamma);
    d.directed_modularity = directed_modularity(directed, d.membership, gamma);
  }
  d.deterrence = std::move(deterrence);
  d.stats = community_stats(symmetric, d.membership);
  d.stability = stability_summary(runs, d.best_run);
  d.community_consensus = mean_by_community(d.membership, d.stability.consensus_share);
  d.community_consensus.resize(static_cast<std::size_t>(d.community_count), 1.0);
  d.seconds = omp_get_wtime() - start;
  progress.report("communities", 1.0);
  return d;
}

Result to_result(const std::string& name, const Detection& d, const DetectionRequest& request,
                 const EdgeFilter& filter, int threads) {
  Result r;
  r.name = name;
  r.method = std::string(method_name(request.method));
  r.seed = request.seed;
  r.threads = threads;
  r.parameters = {
      {"method", r.method},
      {"edges", filter.describe()},
      {"runs", std::int64_t{request.runs}},
      {"best_run_seed", static_cast<std::int64_t>(request.seed + d.best_run)},
  };
  if (uses_objective(request.method)) {
    r.parameters.emplace_back("objective", std::string(objective_name(request.objective)));
    r.parameters.emplace_back("resolution", request.resolution);
    r.parameters.emplace_back("iterations", std::int64_t{request.iterations});
  }
  if (d.deterrence) {
    r.parameters.emplace_back("distance_bins", std::int64_t{request.deterrence.bins});
    r.parameters.emplace_back("binning", std::string(binning_name(request.deterrence.binning)));
    r.parameters.emplace_back("max_sites", static_cast<std::int64_t>(request.deterrence.max_sites));
  }
  if (request.method == Method::infomap) r.parameters.emplace_back("trials", std::int64_t{request.infomap_trials});
  if (request.method == Method::walktrap) r.parameters.emplace_back("steps", std::int64_t{request.walktrap_steps});
  r.add_column("membership", d.membership);
  r.add_column("consensus_share", d.stability.consensus_share);

  const std::size_t k = static_cast<std::size_t>(d.community_count);
  std::vector<std::int64_t> ids(k);
  std::iota(ids.begin(), ids.end(), std::int64_t{0});
  ResultTable table;
  table.name = "communities";
  table.columns.push_back({"community", ids});
  table.columns.push_back({"size", d.stats.size});
  table.columns.push_back({"internal_weight", d.stats.internal_weight});
  table.columns.push_back({"volume", d.stats.volume});
  table.columns.push_back({"cut", d.stats.cut});
  table.columns.push_back({"density", d.stats.density});
  table.columns.push_back({"conductance", d.stats.conductance});
  table.columns.push_back({"consensus", d.community_consensus});
  r.tables.push_back(std::move(table));
  if (d.deterrence) {
    const DeterrenceFunction& f = *d.deterrence;
    std::vector<std::int64_t> bins(f.bin_count()), links(f.links.begin(), f.links.end());
    std::iota(bins.begin(), bins.end(), std::int64_t{0});
    std::vector<double> upper(f.lower_km.begin() + 1, f.lower_km.end());
    upper.push_back(std::numeric_limits<double>::quiet_NaN());  // the last bin is open
    r.tables.push_back({"deterrence",
                        {{"bin", bins},
                         {"lower_km", f.lower_km},
                         {"upper_km", upper},
                         {"value", f.value},
                         {"observed_weight", f.observed},
                         {"pair_mass", f.pair_mass},
                         {"links", links}}});
  }

  r.scalars = {
      {"communities", d.community_count},
      {"quality", d.quality},
      {"modularity", d.modularity},
      {"directed_modularity", d.directed_modularity},
      {"coverage", d.stats.coverage},
      {"mean_pairwise_nmi", d.stability.mean_pairwise_nmi},
      {"seconds", d.seconds},
  };
  if (request.method == Method::infomap) r.scalars.emplace_back("codelength", d.codelength);
  if (d.deterrence) {
    const DeterrenceFunction& f = *d.deterrence;
    r.scalars.emplace_back("deterrence_sites", static_cast<std::int64_t>(f.sites));
    r.scalars.emplace_back("deterrence_cell_km", f.cell_km);
    r.scalars.emplace_back("deterrence_max_site_offset_km", f.max_site_offset_km);
    r.scalars.emplace_back("unlocated_nodes", static_cast<std::int64_t>(f.unlocated_nodes));
    r.scalars.emplace_back("unlocated_value", f.unlocated_value);
    r.scalars.emplace_back("unlocated_observed_weight", f.unlocated_observed);
    r.scalars.emplace_back("unlocated_pair_mass", f.unlocated_pair_mass);
  }
  return r;
}

}  // namespace firmnet::community
