// Small typed helpers over the HDF5 C++ API, shared by the network store and the results
// writer: chunked + compressed datasets, UTF-8 strings, attributes and typed columns. Internal
// to io/.
#pragma once
#include <H5Cpp.h>

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "graph/columns.hpp"

namespace firmnet::h5 {

/// The HDF5 memory type of T. O(1).
template <typename T>
const H5::PredType& native_type();

/// Whether a dataset declaring declared_bytes can hold them in stored_bytes of file: false for a
/// damaged or hostile file declaring far more than deflate could have packed into what it
/// stores. read_array and the string readers refuse such datasets. O(1).
bool declared_size_plausible(double declared_bytes, double stored_bytes);

/// Writes a 1-D dataset, chunked and shuffle+deflate compressed (contiguous when empty).
/// O(count).
template <typename T>
void write_array(H5::Group& group, const std::string& name, const T* data, std::size_t count);
/// Same, from a vector. O(size).
template <typename T>
void write_array(H5::Group& group, const std::string& name, const std::vector<T>& values) {
  write_array(group, name, values.data(), values.size());
}
/// Writes a 1-D dataset laid out as write_array's, produced one chunk at a time:
/// fill(first, out) writes elements first .. first + out.size() - 1 into out. For arrays
/// derived from others (e.g. edge sources from the CSR offsets), which need not then exist
/// whole in memory. O(count) plus fill's cost.
template <typename T>
void write_array_by_chunks(H5::Group& group, const std::string& name, std::size_t count,
                           const std::function<void(std::size_t first, std::span<T> out)>& fill);
/// Reads a whole 1-D dataset, converting to T. Throws DataError when absent or not 1-D.
/// O(size).
template <typename T>
std::vector<T> read_array(const H5::Group& group, const std::string& name);

/// String datasets. Written as format version 2 lays them out (docs/FORMAT.md): a group <name>
/// with attributes encoding="utf8-offsets" and count, holding `bytes` (uint8, the UTF-8 strings
/// end to end) and `offsets` (uint64, count + 1; string i is bytes[offsets[i], offsets[i+1])),
/// both compressed like write_array: no variable-length string anywhere. The readers also take
/// version 1's 1-D string dataset (fixed- or variable-length) and throw DataError naming the file
/// and the group for offsets that do not describe the bytes. Each call is O(total bytes of the
/// strings).
void write_strings(H5::Group& group, const std::string& name, const std::vector<std::string>& values);
void write_strings(H5::Group& group, const std::string& name, const StringList& values);
std::vector<std::string> read_strings(const H5::Group& group, const std::string& name);
StringList read_string_list(const H5::Group& group, const std::string& name);

/// Scalar attributes (strings are fixed-length UTF-8, NUL-padded, sized to their bytes; the
/// readers also take version 1's variable-length strings). Each call is O(size of the value)
/// plus HDF5's lookup of the name among the object's attributes.
void set_attr(H5::H5Object& object, const std::string& name, const std::string& value);
void set_attr(H5::H5Object& object, const std::string& name, const char* value);
void set_attr(H5::H5Object& object, const std::string& name, std::int64_t value);
void set_attr(H5::H5Object& object, const std::string& name, std::uint64_t value);
void set_attr(H5::H5Object& object, const std::string& name, double value);
/// 1-D array of strings as an attribute (e.g. a column list), fixed-length elements as wide as
/// the longest. O(count × longest).
void set_attr(H5::H5Object& object, const std::string& name, const std::vector<std::string>& values);
/// Whether an attribute exists, and reading one back (get_strings_attr: the array form).
/// O(size of the value) plus the name lookup.
bool has_attr(const H5::H5Object& object, const std::string& name);
std::string get_string_attr(const H5::H5Object& object, const std::string& name);
std::int64_t get_int_attr(const H5::H5Object& object, const std::string& name);
double get_double_attr(const H5::H5Object& object, const std::string& name);
std::vector<std::string> get_strings_attr(const H5::H5Object& object, const std::string& name);

/// A typed column: text is dictionary-encoded (int32 codes, -1 missing, dictionary in
/// <group>/dictionaries/<name>); float64 and int64 are stored as they are. The dataset's
/// `encoding` attribute says which ("dictionary", "float64", "int64"). Writing and reading
/// are O(rows + dictionary bytes).
void write_column(H5::Group& group, const std::string& name, const ExtraColumn& column);
ExtraColumn read_column(const H5::Group& group, const std::string& name);
void write_string_column(H5::Group& group, const std::string& name, const StringColumn& column);
StringColumn read_string_column(const H5::Group& group, const std::string& name);

/// Names of the links (children) of a group, in name order. O(k log k) for k children.
std::vector<std::string> child_names(const H5::Group& group);
/// Whether the group has a link of that name. HDF5's lookup: O(log k) for k children in an
/// indexed group, O(k) in a compact one.
bool has_child(const H5::Group& group, const std::string& name);

/// File creation properties for network files: persistent free-space tracking, so space freed
/// by replacing a result is reused. O(1).
H5::FileCreatPropList creation_properties();

/// Access properties for new files: object headers of the HDF5 1.8+ format, so that large
/// attributes (e.g. the list of thousands of extra column names) go to dense storage instead
/// of failing at the 64 KiB object-header limit. Readable by HDF5 >= 1.8 (h5py included). O(1).
H5::FileAccPropList access_properties();

/// UTC time now as ISO-8601, e.g. "2026-11-22T03:04:05Z". O(1).
std::string utc_now();

}  // namespace firmnet::h5
