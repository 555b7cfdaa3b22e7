// Plain edge-list import (io/edgelist_import.hpp): a line-by-line stream, nodes created on first
// appearance, GraphBuilder for merging. O(file bytes + m log d_max).
#include "io/edgelist_import.hpp"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <unordered_map>

#include "io/record_validation.hpp"

namespace firmnet {

namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

ImportResult import_edgelist(const std::string& path, const ImportOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open: " + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const auto file_size = static_cast<double>(in.tellg());
  in.seekg(0);

  ImportLog log;
  log.mode = options.lenient ? "lenient" : "strict";
  log.edges_file = path;

  NodeTable nodes;
  std::unordered_map<std::string, NodeId, StringHash, std::equal_to<>> index;
  auto node_of = [&](std::string_view id) {
    if (auto it = index.find(id); it != index.end()) return it->second;
    const NodeId node = next_node_id(nodes.id.size());
    index.emplace(std::string(id), node);
    nodes.id.push_back(id);
    return node;
  };

  GraphBuilder builder;
  std::string text;
  std::uint64_t line = 0;
  std::array<std::string_view, 4> fields;
  while (std::getline(in, text)) {
    ++line;
    if (line == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    std::string_view rest(text);
    if (const auto hash = rest.find('#'); hash != std::string_view::npos) rest = rest.substr(0, hash);
    std::size_t count = 0;
    while (true) {
      while (!rest.empty() && is_blank(rest.front())) rest.remove_prefix(1);
      if (rest.empty()) break;
      std::size_t end = 0;
      while (end < rest.size() && !is_blank(rest[end])) ++end;
      if (count < fields.size()) fields[count] = rest.substr(0, end);
      ++count;
      rest.remove_prefix(end);
    }
    if (count == 0) continue;
    ++log.edge_rows_read;
    if (log.edge_rows_read % 262144 == 0 && file_size > 0)
      options.progress.report("reading edges", static_cast<double>(in.tellg()) / file_size);
    if (count < 2 || count > 3) {
      log.reject({path, line, "wrong_column_count",
                  "expected 'source target [weight]', found " + std::to_string(count) + " field" + (count == 1 ? "" : "s")},
                 options.max_reported_issues);
      continue;
    }
    EdgeValues values;
    if (auto rejection = parse_edge_values({.weight = count == 3 ? fields[2] : std::string_view()}, values)) {
      log.reject({path, line, std::move(rejection->reason), std::move(rejection->detail)}, options.max_reported_issues);
      continue;
    }
    const NodeId source = node_of(fields[0]);
    const NodeId target = node_of(fields[1]);
    builder.add_edge(source, target, values.type, values.weight);
  }
  if (in.bad()) throw DataError(path + ": cannot read");
  throw_if_strict_and_rejected(log, options, "row");
  index.clear();
  const std::size_t n = nodes.id.size();
  const double nan = std::nan("");
  nodes.name = StringList();
  for (std::size_t i = 0; i < n; ++i) nodes.name.push_back({});
  nodes.kind.assign(n, NodeKind::firm);
  for (StringColumn* column : {&nodes.industry, &nodes.stage, &nodes.region, &nodes.park, &nodes.ownership})
    column->codes.assign(n, kMissingCode);
  for (auto* column : {&nodes.lat, &nodes.lon, &nodes.employees, &nodes.revenue}) column->assign(n, nan);
  nodes.founded.assign(n, 0);
  nodes.closed.assign(n, 0);
  log.implicit_nodes_created = n;

  ImportResult result = finish_import(std::move(builder), std::move(nodes), std::move(log), options.progress, {});
  throw_if_lenient_left_too_little(result, options);
  return result;
}

}  // namespace firmnet
