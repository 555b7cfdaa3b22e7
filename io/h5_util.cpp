#include "io/h5_util.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <ctime>

#include "graph/errors.hpp"

namespace firmnet::h5 {

namespace {
constexpr hsize_t kChunkElements = 1u << 17;
// Level 1: most of the size gain of higher levels at a fraction of their time on id-like data.
constexpr int kDeflateLevel = 1;

void check_declared_length(const H5::DataSet& ds, hsize_t length, const std::string& where) {
  const double declared = static_cast<double>(length) * static_cast<double>(ds.getDataType().getSize());
  if (!declared_size_plausible(declared, static_cast<double>(ds.getStorageSize())))
    throw DataError("dataset '" + where + "' declares " + std::to_string(length) + " elements but stores only " +
                    std::to_string(ds.getStorageSize()) + " bytes");
}

// Version 1's variable-length UTF-8 strings, which firmnet still reads but no longer writes.
H5::StrType variable_string_type() {
  H5::StrType type(H5::PredType::C_S1, H5T_VARIABLE);
  type.setCset(H5T_CSET_UTF8);
  return type;
}

// Fixed-length UTF-8 strings of width bytes, NUL-padded (a value of exactly width bytes needs no
// terminator).
H5::StrType fixed_string_type(std::size_t width) {
  H5::StrType type(H5::PredType::C_S1, width);
  type.setCset(H5T_CSET_UTF8);
  type.setStrpad(H5T_STR_NULLPAD);
  return type;
}
}  // namespace

// A damaged or hostile file can declare a dataset of billions of elements while storing a few
// bytes (unwritten chunks read as fill values). Such a length is refused before allocating for
// it: deflate expands at most about 1032:1, so the declared bytes cannot exceed 1100 times the
// stored bytes (plus slack for tiny datasets).
bool declared_size_plausible(double declared_bytes, double stored_bytes) {
  return declared_bytes <= stored_bytes * 1100.0 + 65536.0;
}

template <> const H5::PredType& native_type<std::uint8_t>() { return H5::PredType::NATIVE_UINT8; }
template <> const H5::PredType& native_type<std::int16_t>() { return H5::PredType::NATIVE_INT16; }
template <> const H5::PredType& native_type<std::int32_t>() { return H5::PredType::NATIVE_INT32; }
template <> const H5::PredType& native_type<std::uint32_t>() { return H5::PredType::NATIVE_UINT32; }
template <> const H5::PredType& native_type<std::int64_t>() { return H5::PredType::NATIVE_INT64; }
template <> const H5::PredType& native_type<std::uint64_t>() { return H5::PredType::NATIVE_UINT64; }
template <> const H5::PredType& native_type<double>() { return H5::PredType::NATIVE_DOUBLE; }

// The file type equals the native type on the little-endian machines firmnet targets.
template <typename T>
void write_array(H5::Group& group, const std::string& name, const T* data, std::size_t count) {
  hsize_t dims[1] = {count};
  H5::DataSpace space(1, dims);
  H5::DSetCreatPropList props;
  if (count > 0) {
    hsize_t chunk[1] = {std::min<hsize_t>(count, kChunkElements)};
    props.setChunk(1, chunk);
    props.setShuffle();
    props.setDeflate(kDeflateLevel);
  }
  H5::DataSet ds = group.createDataSet(name, native_type<T>(), space, props);
  if (count > 0) ds.write(data, native_type<T>());
}

template <typename T>
void write_array_by_chunks(H5::Group& group, const std::string& name, std::size_t count,
                           const std::function<void(std::size_t first, std::span<T> out)>& fill) {
  if (count == 0) return write_array<T>(group, name, nullptr, 0);
  const hsize_t dims[1] = {count}, chunk[1] = {std::min<hsize_t>(count, kChunkElements)};
  H5::DataSpace file_space(1, dims);
  H5::DSetCreatPropList props;
  props.setChunk(1, chunk);
  props.setShuffle();
  props.setDeflate(kDeflateLevel);
  H5::DataSet ds = group.createDataSet(name, native_type<T>(), file_space, props);
  std::vector<T> buffer(chunk[0]);
  for (std::size_t first = 0; first < count; first += chunk[0]) {
    const hsize_t start[1] = {first}, length[1] = {std::min<hsize_t>(chunk[0], count - first)};
    fill(first, std::span<T>(buffer.data(), length[0]));
    H5::DataSpace memory_space(1, length);
    file_space.selectHyperslab(H5S_SELECT_SET, length, start);
    ds.write(buffer.data(), native_type<T>(), memory_space, file_space);
  }
}

template <typename T>
std::vector<T> read_array(const H5::Group& group, const std::string& name) {
  if (!has_child(group, name)) throw DataError("missing dataset '" + group.getObjName() + "/" + name + "'");
  H5::DataSet ds = group.openDataSet(name);
  H5::DataSpace space = ds.getSpace();
  if (space.getSimpleExtentNdims() != 1)
    throw DataError("dataset '" + group.getObjName() + "/" + name + "' is not one-dimensional");
  hsize_t dims[1];
  space.getSimpleExtentDims(dims);
  check_declared_length(ds, dims[0], group.getObjName() + "/" + name);
  std::vector<T> out(dims[0]);
  if (dims[0] > 0) ds.read(out.data(), native_type<T>());
  return out;
}

#define FIRMNET_H5_INSTANTIATE(T)                                                             \
  template void write_array<T>(H5::Group&, const std::string&, const T*, std::size_t); \
  template std::vector<T> read_array<T>(const H5::Group&, const std::string&);            \
  template void write_array_by_chunks<T>(H5::Group&, const std::string&, std::size_t,     \
                                         const std::function<void(std::size_t, std::span<T>)>&);
FIRMNET_H5_INSTANTIATE(std::uint8_t)
FIRMNET_H5_INSTANTIATE(std::int16_t)
FIRMNET_H5_INSTANTIATE(std::int32_t)
FIRMNET_H5_INSTANTIATE(std::uint32_t)
FIRMNET_H5_INSTANTIATE(std::int64_t)
FIRMNET_H5_INSTANTIATE(std::uint64_t)
FIRMNET_H5_INSTANTIATE(double)
#undef FIRMNET_H5_INSTANTIATE

namespace {
// The file that object lives in, for error messages that name it.
std::string file_of(const H5::H5Object& object) {
  const ssize_t length = H5Fget_name(object.getId(), nullptr, 0);
  if (length <= 0) return "(unnamed file)";
  std::string name(static_cast<std::size_t>(length) + 1, '\0');
  H5Fget_name(object.getId(), name.data(), name.size());
  name.resize(static_cast<std::size_t>(length));
  return name;
}

// Format version 2: <name>/bytes holds the strings' UTF-8 bytes end to end, <name>/offsets the
// count + 1 positions where they start and end. Both are plain compressed integer arrays, so no
// string ever goes through libhdf5's variable-length (global heap) code, which crashes on
// damaged files (docs/FORMAT.md, "Format version 2").
template <typename At>
void write_string_blob(H5::Group& group, const std::string& name, std::size_t count, At at) {
  std::vector<std::uint64_t> offsets(count + 1, 0);
  for (std::size_t i = 0; i < count; ++i) offsets[i + 1] = offsets[i] + at(i).size();
  std::vector<std::uint8_t> bytes(offsets.back());
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view s = at(i);
    if (!s.empty()) std::memcpy(bytes.data() + offsets[i], s.data(), s.size());
  }
  H5::Group blob = group.createGroup(name);
  set_attr(blob, "encoding", "utf8-offsets");
  set_attr(blob, "count", static_cast<std::uint64_t>(count));
  write_array(blob, "bytes", bytes);
  write_array(blob, "offsets", offsets);
}
}  // namespace

void write_strings(H5::Group& group, const std::string& name, const std::vector<std::string>& values) {
  write_string_blob(group, name, values.size(), [&](std::size_t i) { return std::string_view(values[i]); });
}

void write_strings(H5::Group& group, const std::string& name, const StringList& values) {
  write_string_blob(group, name, values.size(), [&](std::size_t i) { return values[i]; });
}

namespace {
// Reads the strings of version 2's <name>/{bytes,offsets} and hands each to sink, after checking
// that the offsets describe the bytes: count + 1 of them, starting at 0, never decreasing, ending
// at the size of bytes. Anything else is a DataError naming the file and the group.
template <typename Sink>
void read_string_blob(const H5::Group& group, const std::string& name, Sink sink) {
  const H5::Group blob = group.openGroup(name);
  const std::string where = file_of(group) + ": string dataset '" + blob.getObjName() + "'";
  std::vector<std::uint8_t> bytes;
  std::vector<std::uint64_t> offsets;
  try {
    bytes = read_array<std::uint8_t>(blob, "bytes");
    offsets = read_array<std::uint64_t>(blob, "offsets");
  } catch (const DataError& e) {
    throw DataError(where + ": " + e.what());
  }
  if (has_attr(blob, "count") && offsets.size() != static_cast<std::uint64_t>(get_int_attr(blob, "count")) + 1)
    throw DataError(where + ": " + std::to_string(offsets.size()) + " offsets for the " +
                    std::to_string(get_int_attr(blob, "count")) + " strings its 'count' attribute declares");
  if (offsets.empty() || offsets.front() != 0)
    throw DataError(where + ": its offsets do not start at 0");
  for (std::size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] < offsets[i - 1])
      throw DataError(where + ": its offsets decrease at position " + std::to_string(i));
  if (offsets.back() != bytes.size())
    throw DataError(where + ": its last offset " + std::to_string(offsets.back()) + " is not the " +
                    std::to_string(bytes.size()) + " bytes it holds");
  const char* text = reinterpret_cast<const char*>(bytes.data());
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i)
    sink(std::string_view(text + offsets[i], offsets[i + 1] - offsets[i]));
}

// Reads a string dataset of either layout and hands each string to sink: version 2's group of
// bytes and offsets, or version 1's 1-D string dataset (fixed-length, or variable-length,
// whose copies HDF5 made are freed afterwards).
template <typename Sink>
void read_any_strings(const H5::Group& group, const std::string& name, Sink sink) {
  if (!has_child(group, name)) throw DataError("missing dataset '" + group.getObjName() + "/" + name + "'");
  if (group.childObjType(name) == H5O_TYPE_GROUP) {
    read_string_blob(group, name, sink);
    return;
  }
  H5::DataSet ds = group.openDataSet(name);
  H5::DataSpace space = ds.getSpace();
  if (space.getSimpleExtentNdims() != 1 || ds.getTypeClass() != H5T_STRING)
    throw DataError("dataset '" + group.getObjName() + "/" + name + "' is not a 1-D string dataset");
  hsize_t dims[1];
  space.getSimpleExtentDims(dims);
  if (dims[0] == 0) return;
  check_declared_length(ds, dims[0], group.getObjName() + "/" + name);
  const H5::StrType file_type = ds.getStrType();
  if (!file_type.isVariableStr()) {
    const std::size_t width = file_type.getSize();
    const H5::StrType type = fixed_string_type(width);
    std::vector<char> packed(dims[0] * width);
    ds.read(packed.data(), type);
    for (std::size_t i = 0; i < dims[0]; ++i) {
      const char* s = packed.data() + i * width;
      sink(std::string_view(s, strnlen(s, width)));
    }
    return;
  }
  std::vector<char*> raw(dims[0], nullptr);
  const H5::StrType type = variable_string_type();
  ds.read(raw.data(), type);
  for (char* s : raw) sink(s ? std::string_view(s) : std::string_view{});
  H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, raw.data());
}
}  // namespace

std::vector<std::string> read_strings(const H5::Group& group, const std::string& name) {
  std::vector<std::string> out;
  read_any_strings(group, name, [&](std::string_view s) { out.emplace_back(s); });
  return out;
}

StringList read_string_list(const H5::Group& group, const std::string& name) {
  StringList out;
  read_any_strings(group, name, [&](std::string_view s) { out.push_back(s); });
  return out;
}

// Fixed-length, sized to the value's bytes (at least 1, HDF5's minimum): format version 2 writes
// no variable-length attribute.
void set_attr(H5::H5Object& object, const std::string& name, const std::string& value) {
  if (object.attrExists(name)) object.removeAttr(name);
  const H5::StrType type = fixed_string_type(std::max<std::size_t>(value.size(), 1));
  H5::Attribute attr = object.createAttribute(name, type, H5::DataSpace(H5S_SCALAR));
  std::vector<char> padded(type.getSize(), '\0');
  std::memcpy(padded.data(), value.data(), value.size());
  attr.write(type, padded.data());
}
void set_attr(H5::H5Object& object, const std::string& name, const char* value) {
  set_attr(object, name, std::string(value));
}

namespace {
template <typename T>
void set_numeric_attr(H5::H5Object& object, const std::string& name, T value) {
  if (object.attrExists(name)) object.removeAttr(name);
  H5::Attribute attr = object.createAttribute(name, native_type<T>(), H5::DataSpace(H5S_SCALAR));
  attr.write(native_type<T>(), &value);
}
}  // namespace

void set_attr(H5::H5Object& object, const std::string& name, std::int64_t value) {
  set_numeric_attr(object, name, value);
}
void set_attr(H5::H5Object& object, const std::string& name, std::uint64_t value) {
  set_numeric_attr(object, name, value);
}
void set_attr(H5::H5Object& object, const std::string& name, double value) { set_numeric_attr(object, name, value); }

// Fixed-length elements sized to the longest value, NUL-padded.
void set_attr(H5::H5Object& object, const std::string& name, const std::vector<std::string>& values) {
  if (object.attrExists(name)) object.removeAttr(name);
  std::size_t width = 1;
  for (const auto& s : values) width = std::max(width, s.size());
  const H5::StrType type = fixed_string_type(width);
  hsize_t dims[1] = {values.size()};
  H5::Attribute attr = object.createAttribute(name, type, H5::DataSpace(1, dims));
  std::vector<char> packed(values.size() * width, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) std::memcpy(packed.data() + i * width, values[i].data(), values[i].size());
  if (!values.empty()) attr.write(type, packed.data());
}

bool has_attr(const H5::H5Object& object, const std::string& name) { return object.attrExists(name); }

std::string get_string_attr(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) throw DataError("missing attribute '" + name + "'");
  H5::Attribute attr = object.openAttribute(name);
  if (attr.getTypeClass() != H5T_STRING) throw DataError("attribute '" + name + "' is not a string");
  // One string only: for an array attribute H5Aread would write several values into one.
  if (attr.getSpace().getSimpleExtentNpoints() != 1) throw DataError("attribute '" + name + "' is not a single string");
  const H5::StrType file_type = attr.getStrType();
  std::string value;
  if (!file_type.isVariableStr()) {
    const std::size_t width = file_type.getSize();
    std::vector<char> padded(width, '\0');
    attr.read(fixed_string_type(width), padded.data());
    return std::string(padded.data(), strnlen(padded.data(), width));
  }
  // Not the std::string overload of Attribute::read: it calls strlen on the pointer HDF5
  // returns, which is NULL for a null string in a damaged file (SIGSEGV, found by fuzz_hdf5_open).
  char* raw = nullptr;
  attr.read(file_type, static_cast<void*>(&raw));
  if (raw) value = raw;
  const H5::DataSpace scalar(H5S_SCALAR);
  H5Dvlen_reclaim(file_type.getId(), scalar.getId(), H5P_DEFAULT, &raw);
  return value;
}

std::int64_t get_int_attr(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) throw DataError("missing attribute '" + name + "'");
  H5::Attribute attr = object.openAttribute(name);
  if (attr.getTypeClass() != H5T_INTEGER) throw DataError("attribute '" + name + "' is not an integer");
  // One value only: H5Aread writes every element of an array attribute into &value.
  if (attr.getSpace().getSimpleExtentNpoints() != 1) throw DataError("attribute '" + name + "' is not a single value");
  std::int64_t value = 0;
  attr.read(H5::PredType::NATIVE_INT64, &value);
  return value;
}

double get_double_attr(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) throw DataError("missing attribute '" + name + "'");
  H5::Attribute attr = object.openAttribute(name);
  if (attr.getSpace().getSimpleExtentNpoints() != 1) throw DataError("attribute '" + name + "' is not a single value");
  double value = 0;
  attr.read(H5::PredType::NATIVE_DOUBLE, &value);
  return value;
}

std::vector<std::string> get_strings_attr(const H5::H5Object& object, const std::string& name) {
  if (!object.attrExists(name)) throw DataError("missing attribute '" + name + "'");
  H5::Attribute attr = object.openAttribute(name);
  H5::DataSpace space = attr.getSpace();
  const hssize_t count = space.getSimpleExtentNpoints();
  std::vector<std::string> out;
  if (count <= 0) return out;
  if (attr.getTypeClass() != H5T_STRING) throw DataError("attribute '" + name + "' is not a list of strings");
  const H5::StrType file_type = attr.getStrType();
  if (!file_type.isVariableStr()) {
    const std::size_t width = file_type.getSize();
    std::vector<char> packed(static_cast<std::size_t>(count) * width, '\0');
    attr.read(fixed_string_type(width), packed.data());
    for (hssize_t i = 0; i < count; ++i) {
      const char* s = packed.data() + i * width;
      out.emplace_back(s, strnlen(s, width));
    }
    return out;
  }
  std::vector<char*> raw(count, nullptr);
  const H5::StrType type = variable_string_type();
  attr.read(type, raw.data());
  for (char* s : raw) out.emplace_back(s ? s : "");
  H5Dvlen_reclaim(type.getId(), space.getId(), H5P_DEFAULT, raw.data());
  return out;
}

void write_string_column(H5::Group& group, const std::string& name, const StringColumn& column) {
  write_array(group, name, column.codes);
  H5::DataSet ds = group.openDataSet(name);
  set_attr(ds, "encoding", "dictionary");
  H5::Group dicts = has_child(group, "dictionaries") ? group.openGroup("dictionaries") : group.createGroup("dictionaries");
  write_strings(dicts, name, column.dictionary);
}

StringColumn read_string_column(const H5::Group& group, const std::string& name) {
  StringColumn column;
  column.codes = read_array<std::int32_t>(group, name);
  if (!has_child(group, "dictionaries")) throw DataError("missing '" + group.getObjName() + "/dictionaries'");
  column.dictionary = read_strings(group.openGroup("dictionaries"), name);
  const auto size = static_cast<std::int32_t>(column.dictionary.size());
  for (std::int32_t code : column.codes)
    if (code < -1 || code >= size)
      throw DataError("dataset '" + group.getObjName() + "/" + name + "' has a code outside its dictionary");
  return column;
}

void write_column(H5::Group& group, const std::string& name, const ExtraColumn& column) {
  if (const auto* text = std::get_if<StringColumn>(&column.values)) {
    write_string_column(group, name, *text);
  } else if (const auto* reals = std::get_if<Float64Column>(&column.values)) {
    write_array(group, name, *reals);
    H5::DataSet ds = group.openDataSet(name);
    set_attr(ds, "encoding", "float64");
  } else {
    write_array(group, name, std::get<Int64Column>(column.values));
    H5::DataSet ds = group.openDataSet(name);
    set_attr(ds, "encoding", "int64");
  }
}

ExtraColumn read_column(const H5::Group& group, const std::string& name) {
  if (!has_child(group, name)) throw DataError("missing dataset '" + group.getObjName() + "/" + name + "'");
  H5::DataSet ds = group.openDataSet(name);
  std::string encoding;
  if (has_attr(ds, "encoding")) encoding = get_string_attr(ds, "encoding");
  if (encoding == "dictionary") return {name, read_string_column(group, name)};
  if (ds.getTypeClass() == H5T_FLOAT) return {name, read_array<double>(group, name)};
  if (ds.getTypeClass() == H5T_INTEGER) return {name, read_array<std::int64_t>(group, name)};
  if (ds.getTypeClass() == H5T_STRING) {
    StringColumnBuilder builder;
    for (const auto& s : read_strings(group, name)) builder.push_back(s);
    return {name, std::move(builder).finish()};
  }
  throw DataError("dataset '" + group.getObjName() + "/" + name + "' has an unsupported type");
}

std::vector<std::string> child_names(const H5::Group& group) {
  std::vector<std::string> names;
  const hsize_t count = group.getNumObjs();
  for (hsize_t i = 0; i < count; ++i) names.push_back(group.getObjnameByIdx(i));
  std::sort(names.begin(), names.end());
  return names;
}

bool has_child(const H5::Group& group, const std::string& name) {
  return H5Lexists(group.getId(), name.c_str(), H5P_DEFAULT) > 0;
}

H5::FileCreatPropList creation_properties() {
  H5::FileCreatPropList props;
  H5Pset_file_space_strategy(props.getId(), H5F_FSPACE_STRATEGY_FSM_AGGR, 1, 1);
  return props;
}

H5::FileAccPropList access_properties() {
  H5::FileAccPropList props;
  H5Pset_libver_bounds(props.getId(), H5F_LIBVER_V18, H5F_LIBVER_LATEST);
  return props;
}

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace firmnet::h5
