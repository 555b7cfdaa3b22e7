// Helpers shared by the HDF5 store tests: the handmade network and column comparisons.
#pragma once
#include <cmath>
#include <type_traits>
#include <vector>

#include "graph/columns.hpp"
#include "io/csv_import.hpp"
#include "test_support.hpp"

namespace firmnet::test {

/// datasets/handmade imported strictly (42 nodes, 61 links, Chinese names). O(file size).
inline ImportResult handmade() {
  return import_csv(source_file("datasets/handmade/nodes.csv"), source_file("datasets/handmade/edges.csv"), {});
}

/// Whether two columns hold the same values, NaN equal to NaN. O(size).
template <typename T>
bool same_values(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>) {
      if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    }
    if (a[i] != b[i]) return false;
  }
  return true;
}

/// Whether two typed columns have the same name, type and values. O(rows).
inline bool same_column(const ExtraColumn& a, const ExtraColumn& b) {
  if (a.name != b.name || a.values.index() != b.values.index()) return false;
  if (const auto* s = std::get_if<StringColumn>(&a.values)) {
    const auto& t = std::get<StringColumn>(b.values);
    if (s->size() != t.size()) return false;
    for (std::size_t i = 0; i < s->size(); ++i)
      if (s->value(i) != t.value(i)) return false;
    return true;
  }
  if (const auto* d = std::get_if<Float64Column>(&a.values)) return same_values(*d, std::get<Float64Column>(b.values));
  return same_values(std::get<Int64Column>(a.values), std::get<Int64Column>(b.values));
}

}  // namespace firmnet::test
