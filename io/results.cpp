#include "io/results.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

#include "graph/errors.hpp"
#include "graph/process_group.hpp"
#include "io/atomic_file.hpp"
#include "io/h5_guard.hpp"
#include "io/h5_util.hpp"
#include "io/json_writer.hpp"
#include "io/network_file.hpp"
#include "io/network_store.hpp"

namespace firmnet {

namespace {

// Names a result's own metadata uses; node columns may not take them.
constexpr const char* kReservedNames[] = {"parameters", "scalars", "tables", "dictionaries"};

bool valid_name(const std::string& name) {
  if (name.empty() || name.size() > 200 || name[0] == '.') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == '.';
  });
}

void write_scalars(H5::Group& group, const std::vector<NamedScalar>& values) {
  for (const auto& [key, value] : values)
    std::visit([&, &key = key](const auto& v) { h5::set_attr(group, key, v); }, value);
}

std::vector<NamedScalar> read_scalars(const H5::Group& group) {
  std::vector<NamedScalar> out;
  const int count = group.getNumAttrs();
  for (int i = 0; i < count; ++i) {
    H5::Attribute attr = group.openAttribute(static_cast<unsigned>(i));
    const std::string key = attr.getName();
    switch (attr.getTypeClass()) {
      case H5T_STRING: out.emplace_back(key, h5::get_string_attr(group, key)); break;
      case H5T_INTEGER: out.emplace_back(key, h5::get_int_attr(group, key)); break;
      default: out.emplace_back(key, h5::get_double_attr(group, key)); break;
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

// Parameters also as one JSON object, so a reader gets them all in one attribute.
std::string parameters_json(const std::vector<NamedScalar>& parameters) {
  std::string out = "{";
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    if (i) out += ",";
    append_json_string(out, parameters[i].first);
    out += ":";
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::string>) append_json_string(out, v);
          else if constexpr (std::is_same_v<T, double>) append_json_number(out, v);
          else out += std::to_string(v);
        },
        parameters[i].second);
  }
  return out + "}";
}

}  // namespace

namespace {

void check_result(const Result& result, std::uint64_t node_count) {
  if (!valid_name(result.name))
    throw UsageError("invalid result name '" + result.name + "': use letters, digits, '_', '-' and '.'");
  for (const auto& column : result.node_columns) {
    if (!valid_name(column.name)) throw UsageError("invalid column name '" + column.name + "'");
    for (const char* reserved : kReservedNames)
      if (column.name == reserved) throw UsageError("column name '" + column.name + "' is reserved");
    if (column.size() != node_count)
      throw std::logic_error("result column '" + column.name + "' has " + std::to_string(column.size()) +
                             " rows for " + std::to_string(node_count) + " nodes");
  }
  for (const auto& table : result.tables)
    if (!valid_name(table.name)) throw UsageError("invalid table name '" + table.name + "'");
}

void store_result(H5::Group& results, const Result& result, const std::string& fingerprint) {
  if (h5::has_child(results, result.name)) results.unlink(result.name);
  H5::Group g = results.createGroup(result.name);
  h5::set_attr(g, "method", result.method);
  h5::set_attr(g, "seed", result.seed);
  h5::set_attr(g, "threads", static_cast<std::int64_t>(result.threads));
  h5::set_attr(g, "firmnet_version", FIRMNET_VERSION);
  h5::set_attr(g, "created", h5::utc_now());
  h5::set_attr(g, "network_fingerprint", fingerprint);
  h5::set_attr(g, "parameters_json", parameters_json(result.parameters));
  std::vector<std::string> column_names;
  for (const auto& column : result.node_columns) {
    h5::write_column(g, column.name, column);
    column_names.push_back(column.name);
  }
  h5::set_attr(g, "columns", column_names);
  H5::Group params = g.createGroup("parameters");
  write_scalars(params, result.parameters);
  H5::Group scalars = g.createGroup("scalars");
  write_scalars(scalars, result.scalars);
  H5::Group tables = g.createGroup("tables");
  for (const auto& table : result.tables) {
    H5::Group t = tables.createGroup(table.name);
    std::vector<std::string> names;
    const std::size_t rows = table.columns.empty() ? 0 : table.columns.front().size();
    for (const auto& column : table.columns) {
      if (column.size() != rows)
        throw std::logic_error("table '" + table.name + "' column '" + column.name + "' has the wrong length");
      h5::write_column(t, column.name, column);
      names.push_back(column.name);
    }
    h5::set_attr(t, "columns", names);
    h5::set_attr(t, "rows", static_cast<std::uint64_t>(rows));
  }
}

}  // namespace

void write_results(const std::string& path, const std::vector<Result>& results) {
  if (!writes_output()) return;  // in a process group member 0 writes (docs/MPI.md)
  H5::Exception::dontPrint();
  std::uint64_t node_count = 0;
  std::string fingerprint;
  {
    H5::H5File source = open_network_file(path, H5F_ACC_RDONLY);
    node_count = static_cast<std::uint64_t>(h5::get_int_attr(source, "node_count"));
    fingerprint = h5::get_string_attr(source, "fingerprint");
  }
  for (const auto& result : results) check_result(result, node_count);

  // Copy, modify the copy, rename over the original: a crash at any point leaves the old file.
  AtomicFile target(path);
  std::error_code ec;
  std::filesystem::copy_file(path, target.temp_path(), std::filesystem::copy_options::overwrite_existing, ec);
  if (ec) throw DataError(path + ": cannot copy for an atomic update: " + ec.message());
  std::string current;
  try {
    // The access properties of new files: a long fixed-length text attribute (a parameter, a
    // list of many columns) goes to dense storage instead of overflowing the object header.
    H5::H5File file(target.temp_path(), H5F_ACC_RDWR, H5::FileCreatPropList::DEFAULT, h5::access_properties());
    // A result is written in the current format (fixed-length string attributes, string groups);
    // an older file holding one is labelled so, for builds that read only the older format.
    if (h5::get_int_attr(file, "format_version") < kFormatVersion)
      h5::set_attr(file, "format_version", static_cast<std::int64_t>(kFormatVersion));
    H5::Group group = h5::has_child(file, "results") ? file.openGroup("results") : file.createGroup("results");
    for (const auto& result : results) {
      current = result.name;
      store_result(group, result, fingerprint);
    }
    file.close();
  } catch (const H5::Exception& e) {
    throw DataError(path + ": writing result '" + current + "' failed: " + e.getDetailMsg());
  }
  target.commit();
  trust_hdf5_file(path);
}

void write_result(const std::string& path, const Result& result) { write_results(path, {result}); }

Result read_result(const std::string& path, const std::string& name) {
  H5::H5File file = open_network_file(path, H5F_ACC_RDONLY);
  try {
    if (!h5::has_child(file, "results") || !h5::has_child(file.openGroup("results"), name))
      throw DataError(path + ": no stored result named '" + name + "'");
    H5::Group g = file.openGroup("results").openGroup(name);
    Result r;
    r.name = name;
    r.method = h5::get_string_attr(g, "method");
    r.seed = static_cast<std::uint64_t>(h5::get_int_attr(g, "seed"));
    r.threads = static_cast<int>(h5::get_int_attr(g, "threads"));
    for (const auto& column : h5::get_strings_attr(g, "columns")) r.node_columns.push_back(h5::read_column(g, column));
    r.parameters = read_scalars(g.openGroup("parameters"));
    r.scalars = read_scalars(g.openGroup("scalars"));
    H5::Group tables = g.openGroup("tables");
    for (const auto& table_name : h5::child_names(tables)) {
      H5::Group t = tables.openGroup(table_name);
      ResultTable table{table_name, {}};
      for (const auto& column : h5::get_strings_attr(t, "columns")) table.columns.push_back(h5::read_column(t, column));
      r.tables.push_back(std::move(table));
    }
    return r;
  } catch (const H5::Exception& e) {
    throw DataError(path + ": cannot read result '" + name + "': " + e.getDetailMsg());
  }
}

std::vector<std::int64_t> read_membership(const std::string& path, const std::string& result_name) {
  const Result result = read_result(path, result_name);
  const auto node_count =
      static_cast<std::uint64_t>(h5::get_int_attr(open_network_file(path, H5F_ACC_RDONLY), "node_count"));
  for (const auto& column : result.node_columns)
    if (const auto* membership = std::get_if<Int64Column>(&column.values);
        column.name == "membership" && membership && membership->size() == node_count)
      return *membership;
  throw DataError(path + ": result '" + result_name +
                  "' holds no community membership (a 'membership' column of one integer per node, as "
                  "`firmnet communities` stores)");
}

std::vector<double> read_number_column(const std::string& path, const std::string& result_name, const std::string& column_name,
                                       const std::string& what) {
  const Result result = read_result(path, result_name);
  const auto node_count =
      static_cast<std::uint64_t>(h5::get_int_attr(open_network_file(path, H5F_ACC_RDONLY), "node_count"));
  for (const auto& column : result.node_columns)
    if (const auto* values = std::get_if<Float64Column>(&column.values);
        column.name == column_name && values && values->size() == node_count)
      return *values;
  throw DataError(path + ": result '" + result_name + "' holds no " + what + " (a '" + column_name +
                  "' column of one number per node)");
}

std::vector<double> read_systemic_risk(const std::string& path, const std::string& result_name) {
  return read_number_column(path, result_name, "esri", "systemic risk, as `firmnet risk` stores");
}

std::vector<ResultSummary> list_results(const std::string& path) {
  H5::H5File file = open_network_file(path, H5F_ACC_RDONLY);
  std::vector<ResultSummary> out;
  try {
    if (!h5::has_child(file, "results")) return out;
    H5::Group results = file.openGroup("results");
    for (const auto& name : h5::child_names(results)) {
      H5::Group g = results.openGroup(name);
      ResultSummary s;
      s.name = name;
      s.method = h5::get_string_attr(g, "method");
      s.created = h5::get_string_attr(g, "created");
      s.firmnet_version = h5::get_string_attr(g, "firmnet_version");
      s.seed = static_cast<std::uint64_t>(h5::get_int_attr(g, "seed"));
      s.columns = h5::get_strings_attr(g, "columns");
      out.push_back(std::move(s));
    }
  } catch (const H5::Exception& e) {
    throw DataError(path + ": cannot list results: " + e.getDetailMsg());
  }
  return out;
}

}  // namespace firmnet
