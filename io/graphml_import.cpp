// GraphML import: a pull over io/xml_reader.hpp events, CSV-identical validation of values,
// GraphBuilder for merging. See io/graphml_import.hpp for the mapping rules.
#include "io/graphml_import.hpp"
#include "io/text_fields.hpp"

#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <unordered_map>

#include "io/record_validation.hpp"
#include "io/xml_reader.hpp"

namespace firmnet {

namespace {

using text::normalise_name;
using text::quoted;
using text::trim;

enum NodeField { kName, kLabel, kKind, kIndustry, kStage, kRegion, kPark, kLat, kLon, kEmployees, kRevenue,
                 kFounded, kOwnership, kClosed, kNodeFieldCount };
constexpr std::array<std::string_view, kNodeFieldCount> kNodeFieldNames = {
    "name", "label", "kind", "industry", "stage", "region", "park", "lat", "lon", "employees", "revenue",
    "founded", "ownership", "closed"};
enum EdgeField { kType, kWeight, kYear, kEdgeFieldCount };
constexpr std::array<std::string_view, kEdgeFieldCount> kEdgeFieldNames = {"type", "weight", "year"};

// A declared <key>: where its values go.
struct Key {
  bool for_node = false, for_edge = false;
  std::string name, type;  // attr.name, attr.type
  std::optional<std::string> default_value;
  int node_field = -1, edge_field = -1;  // schema field, or -1
  int node_extra = -1, edge_extra = -1;  // extra column index, or -1
};

// An edge read before all nodes are known; endpoints are resolved at the end.
struct PendingEdge {
  std::string source, target;
  RelationType type;
  double weight;
  std::int16_t year;
  std::uint64_t line;
  std::vector<std::string> extras;
};

class GraphmlImporter {
 public:
  GraphmlImporter(const std::string& path, const ImportOptions& options) : reader_(path), options_(options) {
    log_.mode = options.lenient ? "lenient" : "strict";
    log_.nodes_file = log_.edges_file = path;
  }
  ImportResult run();

 private:
  void reject(std::uint64_t line, std::string reason, std::string detail) {
    log_.reject({reader_.path(), line, std::move(reason), std::move(detail)}, options_.max_reported_issues);
  }
  void read_key(const XmlEvent& start);
  void assign_key_fields();
  // Reads the <data> children of the current element, up to its end (a self-closing one has
  // none); values[k] per declared key index.
  void read_element_data(const std::string& element, bool self_closing, std::vector<std::optional<std::string>>& values);
  void read_node(const XmlEvent& start);
  void read_edge(const XmlEvent& start);
  void skip_element(std::string name);  // by value: the reader overwrites its events
  NodeId add_node(std::string_view id);
  void push_implicit_node();
  ImportResult finish();

  XmlReader reader_;
  const ImportOptions& options_;
  ImportLog log_;
  std::vector<Key> keys_;
  std::unordered_map<std::string, std::size_t> key_index_;
  bool keys_assigned_ = false;
  std::vector<std::string> node_extra_names_, edge_extra_names_, node_extra_types_, edge_extra_types_;
  std::vector<StringColumnBuilder> node_extras_;
  std::unordered_map<std::string, NodeId, StringHash, std::equal_to<>> index_;
  NodeTable nodes_;
  StringColumnBuilder industry_, stage_, region_, park_, ownership_;
  std::vector<PendingEdge> edges_;
};

void GraphmlImporter::read_key(const XmlEvent& start) {
  if (keys_assigned_) reader_.fail(start.line, "<key> after the <graph> element");
  const std::string* id_attribute = start.attribute("id");
  if (!id_attribute || id_attribute->empty()) reader_.fail(start.line, "<key> without an id");
  const std::string id = *id_attribute;  // the reader's next() overwrites start
  if (key_index_.count(id)) reader_.fail(start.line, "key id '" + id + "' is declared twice");
  if (keys_.size() == kMaxColumns)
    reader_.fail(start.line, "more than " + std::to_string(kMaxColumns) + " <key> declarations; at most " +
                                 std::to_string(kMaxColumns) + " columns are supported");
  Key key;
  const std::string* domain = start.attribute("for");
  const std::string for_value = domain ? *domain : "all";
  key.for_node = for_value == "node" || for_value == "all";
  key.for_edge = for_value == "edge" || for_value == "all";
  const std::string* name = start.attribute("attr.name");
  key.name = name ? *name : id;
  const std::string* type = start.attribute("attr.type");
  key.type = type ? *type : "string";
  // Children: an optional <default> with text; anything else (e.g. yFiles descriptions) skipped.
  if (start.self_closing) {
    reader_.next();  // its end
  } else {
    int depth = 0;
    bool in_default = false;
    while (true) {
      const XmlEvent& event = reader_.next();
      if (event.kind == XmlEvent::Kind::start_element) {
        ++depth;
        if (depth == 1 && event.name == "default") {
          in_default = true;
          key.default_value = std::string();
        }
      } else if (event.kind == XmlEvent::Kind::end_element) {
        if (depth == 0) break;
        if (depth == 1) in_default = false;
        --depth;
      } else if (event.kind == XmlEvent::Kind::text && in_default && depth == 1) {
        *key.default_value += event.text;
      }
    }
  }
  key_index_.emplace(id, keys_.size());
  keys_.push_back(std::move(key));
}

void GraphmlImporter::assign_key_fields() {
  keys_assigned_ = true;
  bool has_name = false;
  for (const auto& key : keys_) has_name |= key.for_node && normalise_name(key.name) == "name";
  for (auto& key : keys_) {
    const std::string name = normalise_name(key.name);
    if (key.for_node && name != "id") {
      for (int f = 0; f < kNodeFieldCount; ++f)
        if (name == kNodeFieldNames[f]) key.node_field = f;
      if (key.node_field == kLabel && has_name) key.node_field = -1;  // label stays an extra column
      if (key.node_field < 0) {
        key.node_extra = static_cast<int>(node_extra_names_.size());
        node_extra_names_.push_back(key.name);
        node_extra_types_.push_back(key.type);
        node_extras_.emplace_back();
      }
    }
    if (key.for_edge && name != "id" && name != "source" && name != "target") {
      for (int f = 0; f < kEdgeFieldCount; ++f)
        if (name == kEdgeFieldNames[f]) key.edge_field = f;
      if (key.edge_field < 0) {
        key.edge_extra = static_cast<int>(edge_extra_names_.size());
        edge_extra_names_.push_back(key.name);
        edge_extra_types_.push_back(key.type);
      }
    }
  }
}

void GraphmlImporter::skip_element(std::string name) {
  int depth = 0;
  while (true) {
    const XmlEvent& event = reader_.next();
    if (event.kind == XmlEvent::Kind::start_element) {
      if (event.name == "graph") reader_.fail(event.line, "nested graphs (inside <" + name + ">) are not supported");
      ++depth;
    } else if (event.kind == XmlEvent::Kind::end_element) {
      if (depth-- == 0) return;
    }
  }
}

void GraphmlImporter::read_element_data(const std::string& element, bool self_closing,
                                        std::vector<std::optional<std::string>>& values) {
  values.assign(keys_.size(), std::nullopt);
  if (self_closing) {
    reader_.next();  // its end
    return;
  }
  while (true) {
    const XmlEvent& event = reader_.next();
    if (event.kind == XmlEvent::Kind::end_element) return;  // the element's own end tag
    if (event.kind != XmlEvent::Kind::start_element) continue;
    if (event.name == "graph") reader_.fail(event.line, "nested graphs (inside <" + element + ">) are not supported");
    if (event.name != "data") {
      if (!event.self_closing) skip_element(event.name);
      else reader_.next();
      continue;
    }
    const std::uint64_t line = event.line;
    const std::string* key_id = event.attribute("key");
    if (!key_id) reader_.fail(line, "<data> without a key attribute");
    auto it = key_index_.find(*key_id);
    if (it == key_index_.end()) reader_.fail(line, "<data key=\"" + *key_id + "\"> refers to an undeclared key");
    const Key& key = keys_[it->second];
    if ((element == "node" && !key.for_node) || (element == "edge" && !key.for_edge))
      reader_.fail(line, "key '" + *key_id + "' is not declared for <" + element + ">");
    std::string value;
    int depth = 0;
    if (event.self_closing) {
      reader_.next();
    } else {
      while (true) {
        const XmlEvent& inner = reader_.next();
        if (inner.kind == XmlEvent::Kind::start_element) ++depth;
        else if (inner.kind == XmlEvent::Kind::end_element && depth-- == 0) break;
        else if (inner.kind == XmlEvent::Kind::text && depth == 0) value += inner.text;
      }
    }
    values[it->second] = std::move(value);
  }
}

NodeId GraphmlImporter::add_node(std::string_view id) {
  const NodeId index = next_node_id(nodes_.id.size());
  index_.emplace(std::string(id), index);
  nodes_.id.push_back(id);
  return index;
}

void GraphmlImporter::push_implicit_node() {
  const double nan = std::nan("");
  nodes_.name.push_back({});
  nodes_.kind.push_back(NodeKind::firm);
  for (auto* column : {&industry_, &stage_, &region_, &park_, &ownership_}) column->push_missing();
  for (auto* column : {&nodes_.lat, &nodes_.lon, &nodes_.employees, &nodes_.revenue}) column->push_back(nan);
  nodes_.founded.push_back(0);
  nodes_.closed.push_back(0);
  for (auto& column : node_extras_) column.push_missing();
}

void GraphmlImporter::read_node(const XmlEvent& start) {
  ++log_.node_rows_read;
  const std::uint64_t line = start.line;
  const std::string* id_attribute = start.attribute("id");
  const std::string id(trim(id_attribute ? *id_attribute : std::string()));
  std::vector<std::optional<std::string>> values;
  read_element_data("node", start.self_closing, values);
  if (id.empty()) return reject(line, "missing_id", "the node has no id attribute");
  if (auto it = index_.find(id); it != index_.end())
    return reject(line, "duplicate_node_id", "id " + quoted(id) + " is already defined");
  std::array<std::string, kNodeFieldCount> f;
  std::vector<std::optional<std::string>> extras(node_extras_.size());
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const Key& key = keys_[k];
    if (!key.for_node) continue;
    const std::optional<std::string>& value = values[k] ? values[k] : key.default_value;
    if (!value) continue;
    if (key.node_field >= 0) f[key.node_field] = *value;
    if (key.node_extra >= 0) extras[key.node_extra] = *value;
  }
  const std::string_view name = f[kName].empty() ? std::string_view(f[kLabel]) : std::string_view(f[kName]);
  NodeValues parsed;
  if (auto rejection = parse_node_values({f[kKind], f[kLat], f[kLon], f[kEmployees], f[kRevenue], f[kFounded], f[kClosed]}, parsed))
    return reject(line, std::move(rejection->reason), std::move(rejection->detail));
  add_node(id);
  nodes_.name.push_back(name);
  nodes_.kind.push_back(parsed.kind);
  industry_.push_back(trim(f[kIndustry]));
  stage_.push_back(trim(f[kStage]));
  region_.push_back(trim(f[kRegion]));
  park_.push_back(trim(f[kPark]));
  ownership_.push_back(trim(f[kOwnership]));
  nodes_.lat.push_back(parsed.lat);
  nodes_.lon.push_back(parsed.lon);
  nodes_.employees.push_back(parsed.employees);
  nodes_.revenue.push_back(parsed.revenue);
  nodes_.founded.push_back(parsed.founded);
  nodes_.closed.push_back(parsed.closed);
  for (std::size_t c = 0; c < extras.size(); ++c) {
    if (extras[c])
      node_extras_[c].push_back(*extras[c]);
    else
      node_extras_[c].push_missing();
  }
}

void GraphmlImporter::read_edge(const XmlEvent& start) {
  ++log_.edge_rows_read;
  const std::uint64_t line = start.line;
  const std::string* source_attribute = start.attribute("source");
  const std::string* target_attribute = start.attribute("target");
  PendingEdge edge;
  edge.source = std::string(trim(source_attribute ? *source_attribute : std::string()));
  edge.target = std::string(trim(target_attribute ? *target_attribute : std::string()));
  edge.line = line;
  std::vector<std::optional<std::string>> values;
  read_element_data("edge", start.self_closing, values);
  if (edge.source.empty() || edge.target.empty())
    return reject(line, "missing_endpoint",
                  edge.source.empty() ? "the edge has no source attribute" : "the edge has no target attribute");
  std::array<std::string, kEdgeFieldCount> f;
  edge.extras.resize(edge_extra_names_.size());
  for (std::size_t k = 0; k < keys_.size(); ++k) {
    const Key& key = keys_[k];
    if (!key.for_edge) continue;
    const std::optional<std::string>& value = values[k] ? values[k] : key.default_value;
    if (!value) continue;
    if (key.edge_field >= 0) f[key.edge_field] = std::string(trim(*value));
    if (key.edge_extra >= 0) edge.extras[key.edge_extra] = *value;
  }
  EdgeValues parsed;
  if (auto rejection = parse_edge_values({f[kType], f[kWeight], f[kYear]}, parsed))
    return reject(line, std::move(rejection->reason), std::move(rejection->detail));
  edge.type = parsed.type;
  edge.weight = parsed.weight;
  edge.year = parsed.year;
  edges_.push_back(std::move(edge));
}

ImportResult GraphmlImporter::run() {
  const XmlEvent* event = &reader_.next();
  if (event->kind != XmlEvent::Kind::start_element || event->name != "graphml")
    reader_.fail(event->line, "not a GraphML file (the root element is <" + event->name + ">, expected <graphml>)");
  bool seen_graph = false;
  while (true) {
    event = &reader_.next();
    if (event->kind == XmlEvent::Kind::end_element) break;  // </graphml>
    if (event->kind != XmlEvent::Kind::start_element) continue;
    if (event->name == "key") {
      read_key(*event);
      continue;
    }
    if (event->name != "graph") {
      if (!event->self_closing) skip_element(event->name);
      else reader_.next();
      continue;
    }
    if (seen_graph) reader_.fail(event->line, "more than one <graph> (firmnet imports one network per file)");
    seen_graph = true;
    assign_key_fields();
    if (event->self_closing) {
      reader_.next();
      continue;
    }
    while (true) {
      const XmlEvent& child = reader_.next();
      if (child.kind == XmlEvent::Kind::end_element) break;  // </graph>
      if (child.kind != XmlEvent::Kind::start_element) continue;
      if (child.name == "node") {
        read_node(child);
      } else if (child.name == "edge") {
        read_edge(child);
      } else if (child.name == "hyperedge") {
        reader_.fail(child.line, "hyperedges are not supported");
      } else if (child.self_closing) {
        reader_.next();
      } else {
        skip_element(child.name);
      }
    }
  }
  if (!seen_graph) reader_.fail(event->line, "no <graph> element");
  reader_.next();  // end of document: checks that nothing follows the root
  reader_.release();
  return finish();
}

ImportResult GraphmlImporter::finish() {
  // Resolve endpoints now that every node is known (GraphML allows edges before nodes).
  GraphBuilder builder;
  builder.set_extra_edge_columns(edge_extra_names_);
  builder.reserve(edges_.size());
  std::vector<std::string_view> extra_row(edge_extra_names_.size());
  for (const PendingEdge& edge : edges_) {
    NodeId ends[2];
    bool known = true;
    for (int side = 0; side < 2 && known; ++side) {
      const std::string& id = side == 0 ? edge.source : edge.target;
      if (auto it = index_.find(id); it != index_.end()) {
        ends[side] = it->second;
      } else if (options_.implicit_nodes) {
        ends[side] = add_node(id);
        push_implicit_node();
        ++log_.implicit_nodes_created;
      } else {
        reject(edge.line, "unknown_endpoint",
               std::string(side == 0 ? "source " : "target ") + quoted(id) + " is not a <node> of the graph");
        known = false;
      }
    }
    if (!known) continue;
    builder.add_edge(ends[0], ends[1], edge.type, edge.weight, edge.year);
    if (!extra_row.empty()) {
      for (std::size_t c = 0; c < extra_row.size(); ++c) extra_row[c] = edge.extras[c];
      builder.add_edge_extras(extra_row);
    }
  }
  throw_if_strict_and_rejected(log_, options_, "element");
  edges_.clear();
  edges_.shrink_to_fit();
  index_.clear();
  nodes_.industry = std::move(industry_).finish();
  nodes_.stage = std::move(stage_).finish();
  nodes_.region = std::move(region_).finish();
  nodes_.park = std::move(park_).finish();
  nodes_.ownership = std::move(ownership_).finish();
  // attr.type "string" keeps text as text; numeric types are inferred like CSV columns, with
  // "double"/"float" keeping float64 when every value happens to be integral.
  auto typed = [](std::string name, StringColumn text, const std::string& declared) {
    if (declared == "string") return ExtraColumn{std::move(name), std::move(text)};
    ExtraColumn column = infer_column_type(std::move(name), std::move(text));
    if ((declared == "double" || declared == "float") && std::holds_alternative<Int64Column>(column.values)) {
      const auto& ints = std::get<Int64Column>(column.values);
      Float64Column reals(ints.size());
      for (std::size_t i = 0; i < ints.size(); ++i)
        reals[i] = ints[i] == kMissingInt64 ? std::nan("") : static_cast<double>(ints[i]);
      column.values = std::move(reals);
    }
    return column;
  };
  for (std::size_t c = 0; c < node_extras_.size(); ++c)
    nodes_.extra.push_back(typed(node_extra_names_[c], std::move(node_extras_[c]).finish(), node_extra_types_[c]));

  return finish_import(std::move(builder), std::move(nodes_), std::move(log_), options_.progress,
                       [this, &typed](std::size_t c, ExtraColumn& column) {
                         if (auto* text = std::get_if<StringColumn>(&column.values))
                           column = typed(column.name, std::move(*text), edge_extra_types_[c]);
                       });
}

}  // namespace

ImportResult import_graphml(const std::string& path, const ImportOptions& options) {
  GraphmlImporter importer(path, options);
  ImportResult result = importer.run();
  throw_if_lenient_left_too_little(result, options);
  return result;
}

}  // namespace firmnet
