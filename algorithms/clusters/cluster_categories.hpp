// Identified clusters against a benchmark grouping of industries (docs/clusters.md): a user
// table maps industry codes to cluster categories, as the US Cluster Mapping project's
// benchmark cluster definitions map NAICS codes to 51 traded clusters (Delgado, Porter & Stern
// 2016, "Defining clusters of related industries", J. Econ. Geogr. 16(1)).
//
// A firm's category: the table row whose code is the longest prefix of the firm's industry code
// (codes compared without '.', ' ' and '-'), so a table may give 2-, 3- or 4-digit codes and
// each firm takes the most detailed that applies; none when no row matches.
// Per cluster: its dominant category (most member firms; ties to the first in the table) and
// the share of its member firms in it. Over the firms of all kept clusters that have a
// category: NMI(cluster, category) (Danon et al. 2005, partition_comparison.hpp), 1 when every
// cluster is one category and each category one cluster.
// Complexity: O(r log r) to index r rows, O(L) per firm (L the code length), O(F log F) for the NMI.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "graph/graph.hpp"

namespace firmnet::clusters {

/// Rows (industry code, category), in table order.
struct IndustryCategories {
  std::vector<std::pair<std::string, std::string>> rows;
  std::string source;  // where the table came from (a file name), stored as a parameter
};

struct CategoryFit {
  std::string category;  // the dominant category, "" when no member firm has one
  std::uint64_t firms_with_category = 0;
  double share = 0;  // member firms in the dominant category / member firms with a category (NaN when none)
};

struct CategoryComparison {
  std::vector<CategoryFit> clusters;  // per kept cluster
  std::vector<std::string> categories;  // distinct categories in table order
  std::vector<std::int64_t> category_of;  // per node: index into categories, -1 = none or not a firm
  double nmi = 0;                       // NaN with fewer than 2 firms compared
  std::uint64_t firms_compared = 0;     // firms of kept clusters with a category
};

/// Compares the kept clusters (membership per node, -1 = none; cluster_count clusters) with
/// the categories of the firms' industries. Throws UsageError for an empty table or a row with
/// an empty code or category. O(r log r + n L + F log F).
CategoryComparison compare_with_categories(const NodeTable& nodes, const std::vector<std::int64_t>& membership,
                                           std::size_t cluster_count, const IndustryCategories& table);

}  // namespace firmnet::clusters
