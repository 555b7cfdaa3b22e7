#include "algorithms/clusters/cluster_categories.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "algorithms/community/partition_comparison.hpp"
#include "graph/errors.hpp"
#include "graph/industry_code.hpp"

namespace firmnet::clusters {

CategoryComparison compare_with_categories(const NodeTable& nodes, const std::vector<std::int64_t>& membership,
                                           std::size_t cluster_count, const IndustryCategories& table) {
  if (table.rows.empty()) throw UsageError("the category table has no rows");
  CategoryComparison out;
  std::map<std::string, std::int64_t, std::less<>> by_code;  // normalised code -> category index
  std::map<std::string, std::int64_t, std::less<>> index_of_category;
  std::size_t longest = 0;
  for (const auto& [code, category] : table.rows) {
    const std::string key = normalised_industry(code);
    if (key.empty() || category.empty())
      throw UsageError("the category table has a row with an empty " + std::string(key.empty() ? "industry code" : "category"));
    const auto [it, added] = index_of_category.emplace(category, static_cast<std::int64_t>(out.categories.size()));
    if (added) out.categories.push_back(category);
    by_code.emplace(key, it->second);  // a repeated code keeps its first row
    longest = std::max(longest, key.size());
  }
  // Per distinct industry of the node table: its category by the longest matching prefix.
  std::vector<std::int64_t> category_of_industry(nodes.industry.dictionary.size(), -1);
  for (std::size_t i = 0; i < category_of_industry.size(); ++i) {
    const std::string code = normalised_industry(nodes.industry.dictionary[i]);
    for (std::size_t length = std::min(longest, code.size()); length > 0; --length)
      if (const auto it = by_code.find(std::string_view(code).substr(0, length)); it != by_code.end()) {
        category_of_industry[i] = it->second;
        break;
      }
  }
  const std::size_t n = nodes.size();
  out.category_of.assign(n, -1);
  std::vector<std::vector<std::uint64_t>> counts(cluster_count, std::vector<std::uint64_t>(out.categories.size(), 0));
  std::vector<std::int64_t> compared_cluster(n, -1), compared_category(n, -1);
  for (NodeId v = 0; v < n; ++v) {
    if (nodes.kind[v] != NodeKind::firm || nodes.industry.missing(v)) continue;
    const std::int64_t category = category_of_industry[nodes.industry.codes[v]];
    out.category_of[v] = category;
    const std::int64_t cluster = membership[v];
    if (category < 0 || cluster < 0 || cluster >= static_cast<std::int64_t>(cluster_count)) continue;
    ++counts[cluster][category];
    compared_cluster[v] = cluster;
    compared_category[v] = category;
    ++out.firms_compared;
  }
  constexpr double kNan = std::numeric_limits<double>::quiet_NaN();
  for (const auto& row : counts) {
    CategoryFit fit;
    fit.share = kNan;
    std::uint64_t best = 0;
    for (std::size_t c = 0; c < row.size(); ++c) {
      fit.firms_with_category += row[c];
      if (row[c] > best) {
        best = row[c];
        fit.category = out.categories[c];
      }
    }
    if (fit.firms_with_category > 0) fit.share = static_cast<double>(best) / static_cast<double>(fit.firms_with_category);
    out.clusters.push_back(fit);
  }
  out.nmi = out.firms_compared >= 2 ? community::normalized_mutual_information(compared_cluster, compared_category) : kNan;
  return out;
}

}  // namespace firmnet::clusters
