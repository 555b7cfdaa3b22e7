#include "io/network_store.hpp"

#include <sys/stat.h>

#include <charconv>
#include <cmath>
#include <cstdio>

#include "graph/errors.hpp"
#include "graph/process_group.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_guard.hpp"
#include "io/h5_util.hpp"
#include "io/network_file.hpp"

namespace firmnet {

namespace {

std::string hex64(std::uint64_t v) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
  return buf;
}

template <typename Enum, std::size_t N>
std::vector<std::uint8_t> enum_codes(const std::vector<Enum>& values) {
  std::vector<std::uint8_t> codes(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) codes[i] = static_cast<std::uint8_t>(values[i]);
  return codes;
}

template <std::size_t N>
std::vector<std::string> names_of(const std::array<std::string_view, N>& names) {
  return {names.begin(), names.end()};
}

void write_enum_column(H5::Group& group, const std::string& name, const std::vector<std::uint8_t>& codes,
                       const std::vector<std::string>& dictionary) {
  h5::write_array(group, name, codes);
  H5::DataSet ds = group.openDataSet(name);
  h5::set_attr(ds, "encoding", "dictionary");
  H5::Group dicts = h5::has_child(group, "dictionaries") ? group.openGroup("dictionaries") : group.createGroup("dictionaries");
  h5::write_strings(dicts, name, dictionary);
}

void write_float_column(H5::Group& group, const std::string& name, const std::vector<double>& values) {
  h5::write_array(group, name, values);
  H5::DataSet ds = group.openDataSet(name);
  h5::set_attr(ds, "encoding", "float64");
}

void write_nodes(H5::H5File& file, const NodeTable& t) {
  H5::Group g = file.createGroup("nodes");
  h5::set_attr(g, "count", static_cast<std::uint64_t>(t.size()));
  h5::write_strings(g, "id", t.id);
  h5::write_strings(g, "name", t.name);
  write_enum_column(g, "kind", enum_codes<NodeKind, kNodeKindCount>(t.kind), names_of(node_kind_names()));
  h5::write_string_column(g, "industry", t.industry);
  h5::write_string_column(g, "stage", t.stage);
  h5::write_string_column(g, "region", t.region);
  h5::write_string_column(g, "park", t.park);
  h5::write_string_column(g, "ownership", t.ownership);
  write_float_column(g, "lat", t.lat);
  write_float_column(g, "lon", t.lon);
  write_float_column(g, "employees", t.employees);
  write_float_column(g, "revenue", t.revenue);
  h5::write_array(g, "founded", t.founded);
  h5::write_array(g, "closed", t.closed);
  std::vector<std::string> extras;
  H5::Group extra_group = g.createGroup("extra");
  for (const auto& column : t.extra) {
    h5::write_column(extra_group, column.name, column);
    extras.push_back(column.name);
  }
  h5::set_attr(extra_group, "columns", extras);
}

void write_edges(H5::H5File& file, const Graph& graph) {
  H5::Group g = file.createGroup("edges");
  const EdgeId m = graph.edge_count();
  h5::set_attr(g, "count", static_cast<std::uint64_t>(m));
  h5::set_attr(g, "order", "source-major: by source, then target, type, year");
  // Sources are derived from the CSR offsets chunk by chunk, never held whole: at national
  // scale the array would add a tenth to the import's peak memory.
  h5::write_array_by_chunks<NodeId>(g, "source", m, [&](std::size_t first, std::span<NodeId> out) {
    NodeId u = graph.edge_source(first);
    for (std::size_t i = 0; i < out.size(); ++i) {
      while (graph.out_end(u) <= first + i) ++u;
      out[i] = u;
    }
  });
  h5::write_array(g, "target", graph.out_target);
  write_enum_column(g, "type", enum_codes<RelationType, kRelationTypeCount>(graph.edges.type),
                    names_of(relation_type_names()));
  write_float_column(g, "weight", graph.edges.weight);
  h5::write_array(g, "year", graph.edges.year);
  std::vector<std::string> extras;
  H5::Group extra_group = g.createGroup("extra");
  for (const auto& column : graph.edges.extra) {
    h5::write_column(extra_group, column.name, column);
    extras.push_back(column.name);
  }
  h5::set_attr(extra_group, "columns", extras);
  H5::Group csr = file.createGroup("csr");
  h5::write_array(csr, "out_offsets", graph.out_offsets);
}

void write_import_log(H5::H5File& file, const ImportLog& log) {
  H5::Group g = file.createGroup("import_log");
  h5::set_attr(g, "nodes_file", log.nodes_file);
  h5::set_attr(g, "edges_file", log.edges_file);
  h5::set_attr(g, "mode", log.mode);
  h5::set_attr(g, "node_rows_read", log.node_rows_read);
  h5::set_attr(g, "edge_rows_read", log.edge_rows_read);
  h5::set_attr(g, "nodes_accepted", log.nodes_accepted);
  h5::set_attr(g, "edges_accepted", log.edges_accepted);
  h5::set_attr(g, "duplicate_edges_merged", log.duplicate_edges_merged);
  h5::set_attr(g, "self_loops_dropped", log.self_loops_dropped);
  h5::set_attr(g, "implicit_nodes_created", log.implicit_nodes_created);
  std::vector<std::string> reasons;
  std::vector<std::uint64_t> counts;
  for (const auto& [reason, count] : log.rejected_by_reason) {
    reasons.push_back(reason);
    counts.push_back(count);
  }
  h5::write_strings(g, "rejected_reason", reasons);
  h5::write_array(g, "rejected_count", counts);
  H5::Group issues = g.createGroup("issues");
  std::vector<std::string> files, why, detail;
  std::vector<std::uint64_t> lines;
  for (const auto& issue : log.issues) {
    files.push_back(issue.file);
    lines.push_back(issue.line);
    why.push_back(issue.reason);
    detail.push_back(issue.detail);
  }
  h5::write_strings(issues, "file", files);
  h5::write_array(issues, "line", lines);
  h5::write_strings(issues, "reason", why);
  h5::write_strings(issues, "detail", detail);
}

std::vector<ExtraColumn> read_extras(const H5::Group& parent) {
  std::vector<ExtraColumn> out;
  if (!h5::has_child(parent, "extra")) return out;
  H5::Group g = parent.openGroup("extra");
  for (const auto& name : h5::get_strings_attr(g, "columns")) out.push_back(h5::read_column(g, name));
  return out;
}

template <typename Enum>
std::vector<Enum> read_enum(const H5::Group& g, const std::string& name, std::size_t limit) {
  auto codes = h5::read_array<std::uint8_t>(g, name);
  std::vector<Enum> out(codes.size());
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (codes[i] >= limit) throw DataError("'" + g.getObjName() + "/" + name + "' holds an unknown code");
    out[i] = static_cast<Enum>(codes[i]);
  }
  return out;
}

NodeTable read_nodes(const H5::H5File& file) {
  H5::Group g = file.openGroup("nodes");
  NodeTable t;
  t.id = h5::read_string_list(g, "id");
  t.name = h5::read_string_list(g, "name");
  t.kind = read_enum<NodeKind>(g, "kind", kNodeKindCount);
  t.industry = h5::read_string_column(g, "industry");
  t.stage = h5::read_string_column(g, "stage");
  t.region = h5::read_string_column(g, "region");
  t.park = h5::read_string_column(g, "park");
  t.ownership = h5::read_string_column(g, "ownership");
  t.lat = h5::read_array<double>(g, "lat");
  t.lon = h5::read_array<double>(g, "lon");
  t.employees = h5::read_array<double>(g, "employees");
  t.revenue = h5::read_array<double>(g, "revenue");
  t.founded = h5::read_array<std::int32_t>(g, "founded");
  // Files written before the closed column hold no exits: every firm stays open.
  t.closed = h5::has_child(g, "closed") ? h5::read_array<std::int32_t>(g, "closed") : std::vector<std::int32_t>(t.kind.size(), 0);
  t.extra = read_extras(g);
  const std::size_t n = t.kind.size();
  const bool consistent = t.id.size() == n && t.name.size() == n && t.industry.size() == n && t.stage.size() == n &&
                          t.region.size() == n && t.park.size() == n && t.ownership.size() == n &&
                          t.lat.size() == n && t.lon.size() == n && t.employees.size() == n &&
                          t.revenue.size() == n && t.founded.size() == n && t.closed.size() == n;
  if (!consistent) throw DataError("node columns have different lengths");
  for (const auto& column : t.extra)
    if (column.size() != n) throw DataError("node column '" + column.name + "' has the wrong length");
  return t;
}

}  // namespace

H5::H5File open_network_file(const std::string& path, unsigned flags) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw DataError(path + ": no such file");
  if (S_ISDIR(st.st_mode)) throw DataError(path + ": is a directory, not a firmnet network file");
  H5::Exception::dontPrint();
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 <= 0)
    throw DataError(path + ": not an HDF5 file (firmnet network files are HDF5; create one with 'firmnet import')");
  check_hdf5_file(path);
  H5::H5File file;
  try {
    file.openFile(path, flags);
  } catch (const H5::Exception&) {
    throw DataError(path + ": cannot open: the file is truncated or corrupt");
  }
  try {
    if (!h5::has_attr(file, "format_name") || h5::get_string_attr(file, "format_name") != kFormatName)
      throw DataError(path + ": an HDF5 file, but not a firmnet network file (no format_name=\"firmnet\")");
    const auto version = h5::get_int_attr(file, "format_version");
    if (version > kFormatVersion)
      throw DataError(path + ": written in firmnet format version " + std::to_string(version) +
                      ", newer than this build reads (" + std::to_string(kFormatVersion) + "); upgrade firmnet");
    if (version < 1) throw DataError(path + ": invalid format_version " + std::to_string(version));
  } catch (const H5::Exception&) {
    throw DataError(path + ": cannot read the file header: the file is truncated or corrupt");
  }
  return file;
}

void save_network(const std::string& path, const Graph& graph, const ImportLog& log) {
  if (!writes_output()) return;  // in a process group member 0 writes (docs/MPI.md)
  H5::Exception::dontPrint();
  AtomicFile target(path);
  try {
    H5::H5File file(target.temp_path(), H5F_ACC_EXCL, h5::creation_properties(), h5::access_properties());
    h5::set_attr(file, "format_name", kFormatName);
    h5::set_attr(file, "format_version", static_cast<std::int64_t>(kFormatVersion));
    h5::set_attr(file, "firmnet_version", FIRMNET_VERSION);
    h5::set_attr(file, "created", h5::utc_now());
    h5::set_attr(file, "fingerprint", hex64(graph.fingerprint()));
    h5::set_attr(file, "node_count", static_cast<std::uint64_t>(graph.node_count()));
    h5::set_attr(file, "edge_count", static_cast<std::uint64_t>(graph.edge_count()));
    write_nodes(file, graph.nodes);
    write_edges(file, graph);
    write_import_log(file, log);
    file.createGroup("results");
    file.close();
  } catch (const H5::Exception& e) {
    throw DataError(path + ": writing failed: " + e.getDetailMsg());
  }
  target.commit();
  trust_hdf5_file(path);
}

Graph load_network(const std::string& path) {
  H5::H5File file = open_network_file(path, H5F_ACC_RDONLY);
  try {
    Graph g;
    g.nodes = read_nodes(file);
    H5::Group edges = file.openGroup("edges");
    g.out_offsets = h5::read_array<EdgeId>(file.openGroup("csr"), "out_offsets");
    g.out_target = h5::read_array<NodeId>(edges, "target");
    g.edges.type = read_enum<RelationType>(edges, "type", kRelationTypeCount);
    g.edges.weight = h5::read_array<double>(edges, "weight");
    g.edges.year = h5::read_array<std::int16_t>(edges, "year");
    g.edges.extra = read_extras(edges);
    // Validate the topology before anything indexes with it.
    const std::size_t n = g.nodes.size(), m = g.out_target.size();
    if (g.out_offsets.size() != n + 1 || g.out_offsets.front() != 0 || g.out_offsets.back() != m)
      throw DataError(path + ": corrupt file: csr/out_offsets does not match the node and edge counts");
    for (std::size_t u = 0; u < n; ++u)
      if (g.out_offsets[u] > g.out_offsets[u + 1]) throw DataError(path + ": corrupt file: csr/out_offsets decreases");
    for (NodeId v : g.out_target)
      if (v >= n) throw DataError(path + ": corrupt file: an edge target is not a node");
    if (g.edges.type.size() != m || g.edges.weight.size() != m || g.edges.year.size() != m)
      throw DataError(path + ": corrupt file: edge columns have different lengths");
    for (const auto& column : g.edges.extra)
      if (column.size() != m) throw DataError(path + ": corrupt file: edge column '" + column.name + "' has the wrong length");
    g.build_in_adjacency();
    return g;
  } catch (const H5::Exception& e) {
    throw DataError(path + ": cannot read: the file is truncated or corrupt (" + e.getDetailMsg() + ")");
  } catch (const DataError& e) {
    const std::string what = e.what();
    if (what.rfind(path, 0) == 0) throw;
    throw DataError(path + ": corrupt file: " + what);
  }
}

ImportLog load_import_log(const std::string& path) {
  H5::H5File file = open_network_file(path, H5F_ACC_RDONLY);
  try {
    H5::Group g = file.openGroup("import_log");
    ImportLog log;
    log.nodes_file = h5::get_string_attr(g, "nodes_file");
    log.edges_file = h5::get_string_attr(g, "edges_file");
    log.mode = h5::get_string_attr(g, "mode");
    log.node_rows_read = h5::get_int_attr(g, "node_rows_read");
    log.edge_rows_read = h5::get_int_attr(g, "edge_rows_read");
    log.nodes_accepted = h5::get_int_attr(g, "nodes_accepted");
    log.edges_accepted = h5::get_int_attr(g, "edges_accepted");
    log.duplicate_edges_merged = h5::get_int_attr(g, "duplicate_edges_merged");
    log.self_loops_dropped = h5::get_int_attr(g, "self_loops_dropped");
    log.implicit_nodes_created = h5::get_int_attr(g, "implicit_nodes_created");
    const auto reasons = h5::read_strings(g, "rejected_reason");
    const auto counts = h5::read_array<std::uint64_t>(g, "rejected_count");
    for (std::size_t i = 0; i < reasons.size() && i < counts.size(); ++i) log.rejected_by_reason[reasons[i]] = counts[i];
    H5::Group issues = g.openGroup("issues");
    const auto files = h5::read_strings(issues, "file");
    const auto lines = h5::read_array<std::uint64_t>(issues, "line");
    const auto why = h5::read_strings(issues, "reason");
    const auto detail = h5::read_strings(issues, "detail");
    for (std::size_t i = 0; i < files.size() && i < lines.size() && i < why.size() && i < detail.size(); ++i)
      log.issues.push_back({files[i], lines[i], why[i], detail[i]});
    return log;
  } catch (const H5::Exception& e) {
    throw DataError(path + ": cannot read the import log: " + e.getDetailMsg());
  }
}

NetworkHeader read_header(const std::string& path) {
  H5::H5File file = open_network_file(path, H5F_ACC_RDONLY);
  try {
    NetworkHeader h;
    h.format_version = static_cast<int>(h5::get_int_attr(file, "format_version"));
    h.firmnet_version = h5::get_string_attr(file, "firmnet_version");
    h.created = h5::get_string_attr(file, "created");
    const std::string fingerprint = h5::get_string_attr(file, "fingerprint");
    const char* end = fingerprint.data() + fingerprint.size();
    const auto parsed = std::from_chars(fingerprint.data(), end, h.fingerprint, 16);
    if (fingerprint.empty() || parsed.ec != std::errc() || parsed.ptr != end)
      throw DataError(path + ": corrupt file header: fingerprint '" + fingerprint.substr(0, 40) + "' is not hexadecimal");
    h.node_count = h5::get_int_attr(file, "node_count");
    h.edge_count = h5::get_int_attr(file, "edge_count");
    return h;
  } catch (const H5::Exception& e) {
    throw DataError(path + ": cannot read the file header: " + e.getDetailMsg());
  }
}

}  // namespace firmnet
