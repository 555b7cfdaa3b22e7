#include "io/csv_import.hpp"
#include "io/text_fields.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <unordered_set>

#include <omp.h>

#include "graph/string_index.hpp"
#include "io/csv_reader.hpp"
#include "io/record_validation.hpp"
#include "io/text_encoding.hpp"

namespace firmnet {
namespace {

using text::normalise_name;
using text::quoted;
using text::trim;

enum NodeField { kId, kName, kKind, kIndustry, kStage, kRegion, kPark, kLat, kLon, kEmployees, kRevenue,
                 kFounded, kOwnership, kClosed, kNodeFieldCount };
enum EdgeField { kSource, kTarget, kType, kWeight, kYear, kEdgeFieldCount };

// Bytes of the edge file parsed per batch: large enough that the threads' start-up is noise,
// small enough that the batch and its rows stay a small fraction of the final arrays.
constexpr std::size_t kEdgeBatchBytes = 8u << 20;

// Accepted header names, canonical first (docs/FORMAT.md lists the same).
const std::array<std::vector<std::string_view>, kNodeFieldCount> kNodeAliases = {{
    {"id", "node", "node_id", "firm_id", "uid", "code", "统一社会信用代码", "企业代码", "编号"},
    {"name", "firm_name", "label", "company", "title", "企业名称", "名称"},
    {"kind", "type", "node_kind", "node_type", "category", "actor", "主体类型"},
    {"industry", "industry_code", "sector", "isic", "nace", "naics", "gbt4754", "行业代码", "行业"},
    {"stage", "value_chain_stage", "chain_stage", "position", "环节", "产业链环节"},
    {"region", "county", "city", "district", "区域", "地区"},
    {"park", "zone", "industrial_park", "estate", "园区"},
    {"lat", "latitude", "y", "纬度"},
    {"lon", "lng", "long", "longitude", "x", "经度"},
    {"employees", "employment", "staff", "workers", "headcount", "员工人数", "从业人数"},
    {"revenue", "sales", "turnover", "output", "营业收入"},
    {"founded", "founding_year", "year_founded", "founded_year", "established", "成立年份"},
    {"ownership", "ownership_type", "owner_type", "所有制", "企业性质"},
    {"closed", "exit_year", "closed_year", "year_closed", "注销年份"},
}};
const std::array<std::vector<std::string_view>, kEdgeFieldCount> kEdgeAliases = {{
    {"source", "supplier", "from", "src", "seller", "origin", "principal", "供应商", "供货方"},
    {"target", "customer", "to", "dst", "buyer", "destination", "客户", "采购方"},
    {"type", "relation", "relation_type", "kind", "layer", "关系类型"},
    {"weight", "value", "amount", "volume", "count", "w", "金额", "权重"},
    {"year", "time", "period", "年份"},
}};

// Maps header positions to schema fields; other columns become extra columns.
template <std::size_t N>
struct HeaderMap {
  std::array<int, N> field_column;  // -1 when absent
  std::vector<int> extra_columns;
  std::vector<std::string> extra_names;
  std::vector<std::string> warnings;  // unknown names close to a known one
  std::size_t width = 0;
};

// The known name an unknown header name was probably meant to be: the ASCII alias within one
// edit (two for names of eight or more bytes), closest first; "" when none is that close.
template <std::size_t N>
std::string_view nearest_alias(std::string_view name, const std::array<std::vector<std::string_view>, N>& aliases) {
  const std::size_t allowed = name.size() >= 8 ? 2 : 1;
  std::string_view best;
  std::size_t best_distance = allowed + 1;
  for (const auto& names : aliases)
    for (std::string_view alias : names) {
      if (alias.size() < 3 || static_cast<unsigned char>(alias[0]) >= 0x80) continue;  // "x", "w", Chinese
      const std::size_t d = text::edit_distance(name, alias);
      if (d < best_distance) {
        best_distance = d;
        best = names[0];
      }
    }
  return best;
}

// The field whose canonical name is `field`, or N when none is.
template <std::size_t N>
std::size_t canonical_field(const std::array<std::vector<std::string_view>, N>& aliases, std::string_view field) {
  std::size_t f = 0;
  while (f < N && aliases[f][0] != field) ++f;
  return f;
}

// The --map pairs first (each names the column of one field of this file; the other file's
// fields are skipped), then the aliases for the remaining columns and fields.
template <std::size_t N>
HeaderMap<N> map_header(const CsvReader& reader, const std::vector<std::string_view>& header,
                        const std::array<std::vector<std::string_view>, N>& aliases,
                        const std::vector<std::pair<std::string, std::string>>& column_map) {
  HeaderMap<N> map;
  map.field_column.fill(-1);
  map.width = header.size();
  const std::string where = reader.path() + ":" + std::to_string(reader.record_line()) + ": ";
  if (header.size() > kMaxColumns)
    throw DataError(where + "the header has " + std::to_string(header.size()) + " columns; at most " +
                    std::to_string(kMaxColumns) + " columns are supported");
  std::vector<std::string> names(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) names[c] = normalise_name(header[c]);
  std::vector<bool> mapped_column(header.size(), false);
  std::array<bool, N> mapped_field{};
  for (const auto& [field, column] : column_map) {
    const std::size_t f = canonical_field(aliases, field);
    if (f == N) continue;
    const auto c = static_cast<std::size_t>(std::find(names.begin(), names.end(), normalise_name(column)) - names.begin());
    if (c == names.size())
      throw DataError(where + "--map " + field + "=" + column + ": the header has no column " + quoted(column));
    map.field_column[f] = static_cast<int>(c);
    mapped_column[c] = true;
    mapped_field[f] = true;
  }
  std::unordered_set<std::string> seen;  // a hash set: the duplicate check stays linear in the width
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& name = names[c];
    if (name.empty()) throw DataError(where + "column " + std::to_string(c + 1) + " has an empty header name");
    if (!seen.insert(name).second) throw DataError(where + "header names column '" + name + "' twice");
    bool matched = mapped_column[c];
    for (std::size_t f = 0; f < N && !matched; ++f) {
      if (mapped_field[f] || std::find(aliases[f].begin(), aliases[f].end(), name) == aliases[f].end()) continue;
      if (map.field_column[f] >= 0)
        throw DataError(where + "columns '" + std::string(trim(header[map.field_column[f]])) + "' and '" +
                        std::string(trim(header[c])) + "' both give '" + std::string(aliases[f][0]) + "'");
      map.field_column[f] = static_cast<int>(c);
      matched = true;
    }
    if (!matched) {
      map.extra_columns.push_back(static_cast<int>(c));
      map.extra_names.push_back(std::string(trim(header[c])));
      if (const std::string_view near = nearest_alias(name, aliases); !near.empty())
        map.warnings.push_back(where + "column '" + std::string(trim(header[c])) +
                               "' is not a known column and is kept as an extra column; did you mean '" +
                               std::string(near) + "'?");
    }
  }
  return map;
}

// The header's near misses for an error message: "; column 'taget' ...: did you mean ...?".
template <std::size_t N>
std::string near_misses(const HeaderMap<N>& header) {
  std::string text;
  for (const auto& warning : header.warnings) text += "; " + warning.substr(warning.find("column '"));
  return text;
}

// Reads the header line into fields; throws DataError when there is none or it is malformed,
// with the likely encoding when advise_encoding and it is not UTF-8.
void read_header_line(CsvReader& reader, std::vector<std::string_view>& fields, bool advise_encoding) {
  if (!reader.next(fields)) throw DataError(reader.path() + ": empty file (expected a header line)");
  if (advise_encoding && reader.record_problem().reason == "invalid_utf8")
    throw DataError(reader.path() + ": line " + std::to_string(reader.record_line()) + ": invalid UTF-8 in the header; " +
                    encoding_advice(reader.record_bytes()));
  if (reader.has_problem())
    throw DataError(reader.path() + ":" + std::to_string(reader.record_line()) + ": header: " +
                    reader.record_problem().detail);
}

constexpr NodeId kUnresolved = StringIndex::kAbsent;
constexpr std::uint32_t kAccepted = std::numeric_limits<std::uint32_t>::max();

// What classifying an edge record needs to know about its file.
struct EdgeHeader {
  HeaderMap<kEdgeFieldCount> map;
  std::string path;
  char delimiter = ',';
  std::uint64_t file_size = 0;
  bool implicit = false;
  std::string nodes_name;
  bool decimal_comma = false;  // ';' or '|' delimited: "1,5" is one and a half
};

// One edge record after the checks that need no shared state, at its line relative to its
// chunk's first line; ends not found in the index stay kUnresolved (the serial commit looks
// again: an implicit node may have been created by an earlier row).
struct EdgeRow {
  std::uint64_t line = 0;
  std::string_view ids[2];
  NodeId ends[2] = {kUnresolved, kUnresolved};
  EdgeValues values;
  std::uint32_t rejection = kAccepted;  // index into EdgeRows::rejections
};

// The rows of one chunk in file order, with their rejections and extra-column values (one
// group of header.extra_columns per row). Views point into the chunk's text.
struct EdgeRows {
  std::vector<EdgeRow> rows;
  std::vector<Rejection> rejections;
  std::vector<std::string_view> extras;
  std::string_view first_invalid_utf8;  // the first record that is not UTF-8, for the encoding advice
  std::uint64_t lines = 0;     // physical lines the chunk spans
  bool needs_reader = false;   // a record the chunk parser leaves to CsvReader (too long)
};

class Importer {
 public:
  explicit Importer(const ImportOptions& options) : options_(options) {
    log_.mode = options.lenient ? "lenient" : "strict";
  }

  void read_nodes(const std::string& path);
  void read_edges(const std::string& path);
  ImportResult finish();

 private:
  void reject(const CsvReader& reader, std::string reason, std::string detail) {
    reject(reader.path(), reader.record_line(), std::move(reason), std::move(detail));
  }
  void reject(const std::string& path, std::uint64_t line, std::string reason, std::string detail) {
    log_.reject({path, line, std::move(reason), std::move(detail)}, options_.max_reported_issues);
  }
  // Counts the record just read and rejects it when the reader found a problem or its width
  // differs from the header's; true when it can be used.
  bool usable_record(const CsvReader& reader, std::size_t fields, std::size_t header_width, std::string_view stage,
                     std::uint64_t& rows_read) {
    ++rows_read;
    report_progress(reader, stage, rows_read);
    if (reader.has_problem()) {
      reject(reader, reader.record_problem().reason, reader.record_problem().detail);
      if (reader.record_problem().reason == "invalid_utf8")
        advise_encoding(reader.path(), reader.record_line(), reader.record_bytes());
      return false;
    }
    if (fields != header_width) {
      reject(reader, "wrong_column_count",
             "expected " + std::to_string(header_width) + " fields, found " + std::to_string(fields));
      return false;
    }
    return true;
  }
  void report_progress(const CsvReader& reader, std::string_view stage, std::uint64_t rows) const {
    report_progress(stage, rows, reader.bytes_read(), reader.file_size());
  }
  void report_progress(std::string_view stage, std::uint64_t rows, std::uint64_t bytes, std::uint64_t file_size) const {
    if (rows % 262144 == 0 && file_size > 0) options_.progress.report(stage, static_cast<double>(bytes) / file_size);
  }
  // A record that is not UTF-8 when no encoding was given: strict mode stops at the first with the
  // likely encoding; lenient mode skips such rows and warns once per file.
  void advise_encoding(const std::string& path, std::uint64_t line, std::string_view record) {
    if (!options_.encoding.empty() || !advised_.insert(path).second) return;
    const std::string message = path + ": line " + std::to_string(line) + ": invalid UTF-8; " + encoding_advice(record);
    if (!options_.lenient) throw ImportError(message, std::move(log_));
    log_.warnings.push_back(message + " (rows that are not UTF-8 are skipped)");
  }
  void classify_edge(const std::vector<std::string_view>& fields, const CsvProblem* problem, std::uint64_t line,
                     const EdgeHeader& header, EdgeRows& out) const;
  void parse_edge_chunk(std::string_view text, const EdgeHeader& header, EdgeRows& out) const;
  void resolve_ends(EdgeRows& rows) const;
  void commit_edges(const EdgeRows& rows, std::uint64_t first_line, const EdgeHeader& header, std::uint64_t bytes_done);
  NodeId add_node(std::string_view id, std::uint64_t line);
  void push_node_attributes(std::string_view name, std::array<std::string_view, kNodeFieldCount> f,
                            const NodeValues& values);

  const ImportOptions& options_;
  ImportLog log_;
  StringIndex index_;  // node id text -> NodeId, over nodes_.id
  std::vector<std::uint64_t> node_line_;
  NodeTable nodes_;
  StringColumnBuilder industry_, stage_, region_, park_, ownership_;
  std::vector<std::string> extra_node_names_;
  std::vector<StringColumnBuilder> extra_node_;
  GraphBuilder edges_;
  std::unordered_set<std::string> advised_;  // files whose encoding advice was given
};

NodeId Importer::add_node(std::string_view id, std::uint64_t line) {
  const NodeId index = next_node_id(nodes_.kind.size());
  node_line_.push_back(line);
  nodes_.id.push_back(id);
  index_.insert(nodes_.id, id, index);
  return index;
}

void Importer::push_node_attributes(std::string_view name, std::array<std::string_view, kNodeFieldCount> f,
                                    const NodeValues& values) {
  nodes_.name.push_back(name);
  nodes_.kind.push_back(values.kind);
  industry_.push_back(f[kIndustry]);
  stage_.push_back(f[kStage]);
  region_.push_back(f[kRegion]);
  park_.push_back(f[kPark]);
  ownership_.push_back(f[kOwnership]);
  nodes_.lat.push_back(values.lat);
  nodes_.lon.push_back(values.lon);
  nodes_.employees.push_back(values.employees);
  nodes_.revenue.push_back(values.revenue);
  nodes_.founded.push_back(values.founded);
  nodes_.closed.push_back(values.closed);
}

void Importer::read_nodes(const std::string& path) {
  log_.nodes_file = path;
  CsvReader reader(path, options_.delimiter, options_.max_record_bytes, options_.encoding);
  std::vector<std::string_view> fields;
  read_header_line(reader, fields, options_.encoding.empty());
  const auto header = map_header(reader, fields, kNodeAliases, options_.column_map);
  const bool decimal_comma = reader.delimiter() == ';' || reader.delimiter() == '|';
  log_.warnings.insert(log_.warnings.end(), header.warnings.begin(), header.warnings.end());
  if (header.field_column[kId] < 0)
    throw DataError(path + ":1: no id column (the header needs one of: id, node, node_id, firm_id, uid, code, "
                    "统一社会信用代码)" + near_misses(header));
  extra_node_names_ = header.extra_names;
  extra_node_.assign(header.extra_columns.size(), {});

  while (reader.next(fields)) {
    if (!usable_record(reader, fields.size(), header.width, "reading nodes", log_.node_rows_read)) continue;
    std::array<std::string_view, kNodeFieldCount> f{};
    for (std::size_t k = 0; k < kNodeFieldCount; ++k)
      if (header.field_column[k] >= 0) f[k] = fields[header.field_column[k]];
    const std::string_view id = trim(f[kId]);
    if (id.empty()) {
      reject(reader, "missing_id", "the id field is empty");
      continue;
    }
    if (const NodeId known = index_.find(nodes_.id, id); known != StringIndex::kAbsent) {
      reject(reader, "duplicate_node_id",
             "id " + quoted(id) + " is already defined on line " + std::to_string(node_line_[known]));
      continue;
    }
    NodeValues values;
    if (auto rejection = parse_node_values({f[kKind], f[kLat], f[kLon], f[kEmployees], f[kRevenue], f[kFounded], f[kClosed]}, values,
                                           decimal_comma)) {
      reject(reader, std::move(rejection->reason), std::move(rejection->detail));
      continue;
    }
    add_node(id, reader.record_line());
    f[kIndustry] = trim(f[kIndustry]);
    f[kStage] = trim(f[kStage]);
    f[kRegion] = trim(f[kRegion]);
    f[kPark] = trim(f[kPark]);
    f[kOwnership] = trim(f[kOwnership]);
    push_node_attributes(f[kName], f, values);
    for (std::size_t c = 0; c < header.extra_columns.size(); ++c)
      extra_node_[c].push_back(fields[header.extra_columns[c]]);
  }
}

// Checks an edge record in the order the log reports them (record problem, width, missing
// endpoint, schema values); its ends are looked up later (resolve_ends). O(record length).
void Importer::classify_edge(const std::vector<std::string_view>& fields, const CsvProblem* problem,
                             std::uint64_t line, const EdgeHeader& header, EdgeRows& out) const {
  EdgeRow& row = out.rows.emplace_back();
  row.line = line;
  auto rejected = [&](std::string reason, std::string detail) {
    row.rejection = static_cast<std::uint32_t>(out.rejections.size());
    out.rejections.push_back({std::move(reason), std::move(detail)});
  };
  if (problem) return rejected(problem->reason, problem->detail);
  if (fields.size() != header.map.width)
    return rejected("wrong_column_count", "expected " + std::to_string(header.map.width) + " fields, found " +
                                              std::to_string(fields.size()));
  std::array<std::string_view, kEdgeFieldCount> f{};
  for (std::size_t k = 0; k < kEdgeFieldCount; ++k)
    if (header.map.field_column[k] >= 0) f[k] = trim(fields[header.map.field_column[k]]);
  if (f[kSource].empty() || f[kTarget].empty())
    return rejected("missing_endpoint", f[kSource].empty() ? "the source field is empty" : "the target field is empty");
  if (auto rejection = parse_edge_values({f[kType], f[kWeight], f[kYear]}, row.values, header.decimal_comma))
    return rejected(std::move(rejection->reason), std::move(rejection->detail));
  row.ids[0] = f[kSource];
  row.ids[1] = f[kTarget];
  for (int c : header.map.extra_columns) out.extras.push_back(fields[c]);
}

// Splits quote-free text (whole lines) into records as CsvReader would: LF, CRLF and lone CR
// end a line, blank lines are skipped, a record that is not UTF-8 once its delimiters are
// removed has the "invalid_utf8" problem. O(text length).
void Importer::parse_edge_chunk(std::string_view text, const EdgeHeader& header, EdgeRows& out) const {
  static const CsvProblem invalid_utf8{"invalid_utf8", "the record is not valid UTF-8"};
  std::vector<std::string_view> fields;
  std::size_t p = 0;
  std::uint64_t line = 0;
  while (p < text.size()) {
    std::size_t q = p;
    while (q < text.size() && text[q] != '\n' && text[q] != '\r') ++q;
    const std::string_view record = text.substr(p, q - p);
    const std::uint64_t record_line = line;
    if (q < text.size()) {
      q += text[q] == '\r' && q + 1 < text.size() && text[q + 1] == '\n' ? 2 : 1;
      ++line;
    }
    p = q;
    if (record.empty()) continue;
    if (record.size() > options_.max_record_bytes) {
      out.needs_reader = true;
      return;
    }
    fields.clear();
    for (std::size_t start = 0;;) {
      const std::size_t stop = record.find(header.delimiter, start);
      fields.push_back(record.substr(start, stop == std::string_view::npos ? std::string_view::npos : stop - start));
      if (stop == std::string_view::npos) break;
      start = stop + 1;
    }
    // Removing ASCII delimiters keeps valid UTF-8 valid; only an invalid record needs the
    // delimiter-free check that CsvReader makes.
    bool valid = is_valid_utf8(record);
    if (!valid) {
      std::string joined;
      for (std::string_view field : fields) joined += field;
      valid = is_valid_utf8(joined);
      if (!valid && out.first_invalid_utf8.empty()) out.first_invalid_utf8 = record;
    }
    classify_edge(fields, valid ? nullptr : &invalid_utf8, record_line, header, out);
  }
  out.lines = line;
  resolve_ends(out);
}

// Looks up the ends of the accepted rows in one batch (StringIndex::find_many). O(rows).
void Importer::resolve_ends(EdgeRows& rows) const {
  std::vector<std::string_view> ids;
  ids.reserve(2 * rows.rows.size());
  for (const EdgeRow& row : rows.rows)
    if (row.rejection == kAccepted) ids.insert(ids.end(), {row.ids[0], row.ids[1]});
  std::vector<NodeId> ends(ids.size());
  index_.find_many(nodes_.id, ids, ends);
  std::size_t next = 0;
  for (EdgeRow& row : rows.rows)
    if (row.rejection == kAccepted) {
      row.ends[0] = ends[next++];
      row.ends[1] = ends[next++];
    }
}

// Counts and logs the rows in file order, resolves the ends the index lacked (implicit nodes,
// unknown endpoints) and adds the accepted edges. O(rows).
void Importer::commit_edges(const EdgeRows& rows, std::uint64_t first_line, const EdgeHeader& header,
                            std::uint64_t bytes_done) {
  const std::size_t extra_count = header.map.extra_columns.size();
  std::size_t extra_at = 0;
  for (const EdgeRow& row : rows.rows) {
    ++log_.edge_rows_read;
    report_progress("reading edges", log_.edge_rows_read, bytes_done, header.file_size);
    const std::uint64_t line = first_line + row.line;
    if (row.rejection != kAccepted) {
      const Rejection& rejection = rows.rejections[row.rejection];
      reject(header.path, line, rejection.reason, rejection.detail);
      if (rejection.reason == "invalid_utf8") advise_encoding(header.path, line, rows.first_invalid_utf8);
      continue;
    }
    const std::span<const std::string_view> extras(rows.extras.data() + extra_at, extra_count);
    extra_at += extra_count;
    NodeId ends[2] = {row.ends[0], row.ends[1]};
    bool known = true;
    for (int side = 0; side < 2 && known; ++side) {
      if (ends[side] != kUnresolved) continue;
      const std::string_view id = row.ids[side];
      if (const NodeId found = index_.find(nodes_.id, id); found != StringIndex::kAbsent) {
        ends[side] = found;
      } else if (header.implicit) {
        ends[side] = add_node(id, line);
        push_node_attributes({}, {}, NodeValues{});
        for (auto& column : extra_node_) column.push_missing();
        ++log_.implicit_nodes_created;
      } else {
        reject(header.path, line, "unknown_endpoint",
               std::string(side == 0 ? "source " : "target ") + quoted(id) + " is not in " + header.nodes_name);
        known = false;
      }
    }
    if (!known) continue;
    edges_.add_edge(ends[0], ends[1], row.values.type, row.values.weight, row.values.year);
    if (extra_count > 0) edges_.add_edge_extras(extras);
  }
}

// The records after the header go in batches of whole lines: each batch is cut into one chunk
// per thread at line ends, the chunks are parsed and checked in parallel, and the rows are
// committed in file order, so the graph and the log are those of a serial read. A batch with
// a quote character (a quoted field may span lines), without a line end, or with a record over
// the length limit hands the rest of the file to CsvReader.
void Importer::read_edges(const std::string& path) {
  log_.edges_file = path;
  CsvReader reader(path, options_.delimiter, options_.max_record_bytes, options_.encoding);
  std::vector<std::string_view> fields;
  read_header_line(reader, fields, options_.encoding.empty());
  EdgeHeader header{map_header(reader, fields, kEdgeAliases, options_.column_map), path, reader.delimiter(),
                    reader.file_size(), options_.implicit_nodes || log_.nodes_file.empty(),
                    log_.nodes_file.empty() ? "the node file" : log_.nodes_file,
                    reader.delimiter() == ';' || reader.delimiter() == '|'};
  log_.warnings.insert(log_.warnings.end(), header.map.warnings.begin(), header.map.warnings.end());
  if (header.map.field_column[kSource] < 0 || header.map.field_column[kTarget] < 0)
    throw DataError(path +
                    ":1: the header needs a source column (source, supplier, from, 供应商, ...) and a target column "
                    "(target, customer, to, 客户, ...)" + near_misses(header.map));
  edges_.set_extra_edge_columns(header.map.extra_names);

  std::uint64_t offset = reader.offset(), line = reader.line();
  const std::uint64_t records_start = offset;
  const int threads = std::max(1, omp_get_max_threads());
  std::vector<EdgeRows> chunks(static_cast<std::size_t>(threads));
  std::vector<char> batch;
  // A transcoded file is read by CsvReader alone: batches cut the file's own bytes.
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(reader.transcoded() ? nullptr : std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  const bool batched = file && std::fseek(file.get(), static_cast<long>(offset), SEEK_SET) == 0;
  std::size_t carried = 0;
  while (batched) {
    batch.resize(carried + kEdgeBatchBytes);
    const std::size_t got = std::fread(batch.data() + carried, 1, kEdgeBatchBytes, file.get());
    if (std::ferror(file.get())) break;  // CsvReader reports it with the line
    const bool at_end = got < kEdgeBatchBytes;
    const std::size_t filled = carried + got;
    const std::string_view text(batch.data(), filled);
    const std::size_t last_newline = text.rfind('\n');
    const std::size_t usable = at_end ? filled : last_newline == std::string_view::npos ? 0 : last_newline + 1;
    if (usable == 0 && at_end) return;
    if (usable == 0 || text.substr(0, usable).find('"') != std::string_view::npos) break;
    std::vector<std::size_t> cut(static_cast<std::size_t>(threads) + 1, usable);
    cut[0] = 0;
    for (int t = 1; t < threads; ++t) {
      const std::size_t at = text.substr(0, usable).find('\n', std::max(cut[t - 1], usable * t / threads));
      cut[t] = at == std::string_view::npos ? usable : at + 1;
    }
#pragma omp parallel for schedule(static, 1) num_threads(threads)
    for (int t = 0; t < threads; ++t) {
      chunks[t] = {};
      parse_edge_chunk(text.substr(cut[t], cut[t + 1] - cut[t]), header, chunks[t]);
    }
    if (std::any_of(chunks.begin(), chunks.end(), [](const EdgeRows& c) { return c.needs_reader; })) break;
    for (const EdgeRows& chunk : chunks) {
      commit_edges(chunk, line, header, offset + usable);
      line += chunk.lines;
    }
    if (offset == records_start && !at_end && reader.file_size() > offset) {
      // Room for the whole file at the first batch's edges per byte (plus 2%): arrays grown by
      // doubling would leave up to half of their memory unused at the build's peak.
      const double edges_per_byte = static_cast<double>(edges_.edge_count()) / static_cast<double>(usable);
      edges_.reserve(static_cast<std::size_t>(1.02 * edges_per_byte * static_cast<double>(reader.file_size() - offset)));
    }
    offset += usable;
    if (at_end) return;
    carried = filled - usable;
    std::memmove(batch.data(), batch.data() + usable, carried);
  }
  chunks = {};
  batch = {};
  if (batched) reader.resume_at(offset, line);
  EdgeRows single;
  while (reader.next(fields)) {
    single.rows.clear();
    single.rejections.clear();
    single.extras.clear();
    single.first_invalid_utf8 = reader.record_problem().reason == "invalid_utf8" ? reader.record_bytes() : std::string_view();
    classify_edge(fields, reader.has_problem() ? &reader.record_problem() : nullptr, 0, header, single);
    commit_edges(single, reader.record_line(), header, reader.bytes_read());
  }
}

ImportResult Importer::finish() {
  throw_if_strict_and_rejected(log_, options_, "row");
  nodes_.industry = std::move(industry_).finish();
  nodes_.stage = std::move(stage_).finish();
  nodes_.region = std::move(region_).finish();
  nodes_.park = std::move(park_).finish();
  nodes_.ownership = std::move(ownership_).finish();
  for (std::size_t c = 0; c < extra_node_.size(); ++c)
    nodes_.extra.push_back(infer_column_type(extra_node_names_[c], std::move(extra_node_[c]).finish()));
  index_.clear();
  node_line_.clear();

  return finish_import(std::move(edges_), std::move(nodes_), std::move(log_), options_.progress,
                       [](std::size_t, ExtraColumn& column) {
                         if (auto* text = std::get_if<StringColumn>(&column.values))
                           column = infer_column_type(column.name, std::move(*text));
                       });
}

}  // namespace

void throw_if_strict_and_rejected(ImportLog& log, const ImportOptions& options, std::string_view record) {
  if (options.lenient || log.rejected_total() == 0) return;
  const std::uint64_t total = log.rejected_total();
  const std::string records = std::string(record) + "s";
  throw ImportError("import rejected " + std::to_string(total) + " " + (total == 1 ? std::string(record) : records) +
                        " (strict mode; nothing was written; --lenient skips bad " + records + ")",
                    std::move(log));
}

void throw_if_lenient_left_too_little(ImportResult& result, const ImportOptions& options) {
  if (!options.lenient || options.allow_empty) return;
  const ImportLog& log = result.log;
  const std::uint64_t read = log.node_rows_read + log.edge_rows_read, rejected = log.rejected_total();
  std::string why;
  if (log.nodes_accepted == 0) why = "no node was accepted";
  else if (2 * rejected > read)
    why = std::to_string(rejected) + " of " + std::to_string(read) + " rows were rejected";
  if (why.empty()) return;
  throw ImportError("lenient import kept too little: " + why +
                        " (check the file's encoding, delimiter and header; nothing was written; --allow-empty "
                        "accepts it)",
                    std::move(result.log));
}

ImportResult finish_import(GraphBuilder builder, NodeTable nodes, ImportLog log, const Progress& progress,
                           const std::function<void(std::size_t, ExtraColumn&)>& type_extra_edge_column) {
  progress.report("building graph", 0.0);
  builder.set_nodes(std::move(nodes));
  BuildStats stats;
  ImportResult result{std::move(builder).finish(&stats), std::move(log)};
  if (type_extra_edge_column)
    for (std::size_t c = 0; c < result.graph.edges.extra.size(); ++c) type_extra_edge_column(c, result.graph.edges.extra[c]);
  for (double w : result.graph.edges.weight)
    if (!std::isfinite(w)) throw DataError("merging duplicate edges summed weights to infinity; rescale the weights");
  result.log.nodes_accepted = result.graph.node_count();
  result.log.edges_accepted = result.graph.edge_count();
  result.log.duplicate_edges_merged = stats.duplicates_merged;
  result.log.self_loops_dropped = stats.self_loops_dropped;
  progress.report("building graph", 1.0);
  return result;
}

ImportResult import_csv(const std::string& nodes_path, const std::string& edges_path, const ImportOptions& options) {
  Importer importer(options);
  if (!nodes_path.empty()) importer.read_nodes(nodes_path);
  importer.read_edges(edges_path);
  ImportResult result = importer.finish();
  throw_if_lenient_left_too_little(result, options);
  return result;
}

char parse_delimiter(std::string_view name) {
  if (name.empty()) return 0;
  if (name == "," || name == "comma") return ',';
  if (name == ";" || name == "semicolon") return ';';
  if (name == "|" || name == "pipe") return '|';
  if (name == "tab" || name == "\t" || name == "\\t") return '\t';
  throw UsageError("delimiter " + quoted(name) + ": use ',', ';', '|' or 'tab'");
}

std::vector<std::pair<std::string, std::string>> parse_column_map(const std::vector<std::string>& values) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& value : values) {
    const std::size_t eq = value.find('=');
    const std::string field = eq == std::string::npos ? "" : normalise_name(value.substr(0, eq));
    const std::string column(eq == std::string::npos ? "" : trim(std::string_view(value).substr(eq + 1)));
    if (field.empty() || column.empty())
      throw UsageError("--map " + quoted(value) + ": write FIELD=COLUMN, e.g. --map source=买方代码");
    if (canonical_field(kNodeAliases, field) == kNodeFieldCount && canonical_field(kEdgeAliases, field) == kEdgeFieldCount) {
      std::string fields;
      for (const auto& aliases : kNodeAliases) fields += std::string(fields.empty() ? "" : ", ") + std::string(aliases[0]);
      for (const auto& aliases : kEdgeAliases) fields += ", " + std::string(aliases[0]);
      throw UsageError("--map " + quoted(value) + ": '" + field + "' is not a field (the fields are: " + fields + ")");
    }
    pairs.emplace_back(field, column);
  }
  return pairs;
}

std::string describe_csv_columns() {
  std::string out;
  auto describe = [&out](std::string_view title, const auto& all_aliases) {
    out += title;
    for (const auto& aliases : all_aliases) {
      out += "  " + std::string(aliases[0]);
      if (aliases.size() > 1) {
        out += " (also:";
        for (std::size_t i = 1; i < aliases.size(); ++i) out += " " + std::string(aliases[i]);
        out += ")";
      }
      out += "\n";
    }
  };
  describe("Node columns (nodes.csv):\n", kNodeAliases);
  describe("Edge columns (edges.csv):\n", kEdgeAliases);
  return out;
}

}  // namespace firmnet
