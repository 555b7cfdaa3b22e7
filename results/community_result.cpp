#include "results/community_result.hpp"

#include <limits>
#include <numeric>

namespace firmnet::community {

ResultTable deterrence_table(const DeterrenceFunction& f) {
  std::vector<std::int64_t> bins(f.bin_count()), links(f.links.begin(), f.links.end());
  std::iota(bins.begin(), bins.end(), std::int64_t{0});
  std::vector<double> upper(f.lower_km.begin() + 1, f.lower_km.end());
  upper.push_back(std::numeric_limits<double>::quiet_NaN());  // the last bin is open
  return {stored::deterrence,
          {{stored::bin, bins},
           {stored::lower_km, f.lower_km},
           {stored::upper_km, upper},
           {stored::deterrence_value, f.value},
           {"observed_weight", f.observed},
           {"pair_mass", f.pair_mass},
           {"links", links}}};
}

Result community_result(const std::string& name, const CommunityOutcome& d, const CommunityRequest& request,
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
    if (request.method == Method::leiden || request.method == Method::louvain)
      r.parameters.emplace_back("pass_stop_fraction", request.pass_stop_fraction);
    if (request.method == Method::leiden)
      r.parameters.emplace_back("refine_order", std::string(refine_order_name(request.refine_order)));
  }
  if (d.deterrence) {
    r.parameters.emplace_back("distance_bins", std::int64_t{request.deterrence.bins});
    r.parameters.emplace_back("binning", std::string(binning_name(request.deterrence.binning)));
    r.parameters.emplace_back("max_sites", static_cast<std::int64_t>(request.deterrence.max_sites));
  }
  if (request.method == Method::infomap) r.parameters.emplace_back("trials", std::int64_t{request.infomap_trials});
  if (request.method == Method::walktrap) r.parameters.emplace_back("steps", std::int64_t{request.walktrap_steps});
  r.add_column(stored::membership, d.membership);
  r.add_column(stored::consensus_share, d.stability.consensus_share);

  const std::size_t k = static_cast<std::size_t>(d.community_count);
  std::vector<std::int64_t> ids(k);
  std::iota(ids.begin(), ids.end(), std::int64_t{0});
  ResultTable table;
  table.name = stored::communities;
  table.columns.push_back({stored::community, ids});
  table.columns.push_back({stored::size, d.stats.size});
  table.columns.push_back({stored::internal_weight, d.stats.internal_weight});
  table.columns.push_back({stored::volume, d.stats.volume});
  table.columns.push_back({stored::cut, d.stats.cut});
  table.columns.push_back({stored::density, d.stats.density});
  table.columns.push_back({stored::conductance, d.stats.conductance});
  table.columns.push_back({stored::consensus, d.community_consensus});
  r.tables.push_back(std::move(table));
  if (d.deterrence) r.tables.push_back(deterrence_table(*d.deterrence));

  r.scalars = {
      {"communities", d.community_count},
      {"quality", d.quality},
      {stored::modularity, d.modularity},
      {"directed_modularity", d.directed_modularity},
      {"coverage", d.stats.coverage},
      {stored::mean_pairwise_nmi, d.stability.mean_pairwise_nmi},
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

Result resolution_scan_result(const std::string& name, const std::vector<ScanPoint>& points,
                              const CommunityRequest& request, const EdgeFilter& filter, const std::string& scan_text,
                              bool logarithmic, int threads) {
  Result result;
  result.name = name;
  result.method = std::string(method_name(request.method)) + "-scan";
  result.seed = request.seed;
  result.threads = threads;
  result.parameters = {{"method", std::string(method_name(request.method))},
                       {"objective", std::string(objective_name(request.objective))},
                       {"edges", filter.describe()},
                       {"scan", scan_text},
                       {"logarithmic", std::int64_t{logarithmic}},
                       {"iterations", std::int64_t{request.iterations}},
                       {"pass_stop_fraction", request.pass_stop_fraction}};
  if (request.method == Method::leiden)
    result.parameters.emplace_back("refine_order", std::string(refine_order_name(request.refine_order)));
  result.tables.push_back({stored::scan,
                           {column_of("resolution", points, [](const ScanPoint& p) { return p.resolution; }),
                            column_of("communities", points, [](const ScanPoint& p) { return p.communities; }),
                            column_of("quality", points, [](const ScanPoint& p) { return p.quality; }),
                            column_of(stored::modularity, points, [](const ScanPoint& p) { return p.modularity; })}});
  return result;
}

}  // namespace firmnet::community
