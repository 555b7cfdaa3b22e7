// A small, strict XML pull parser, sufficient for GraphML (and GEXF) files.
//
// Handles elements, attributes, text, the entities &amp; &lt; &gt; &quot; &apos; and numeric
// character references (&#N; &#xN;, written as UTF-8), CDATA sections, comments, processing
// instructions (including the XML declaration) and a DOCTYPE without an internal subset.
// Strict: bytes that are not UTF-8, mismatched or unclosed tags, unknown entities, duplicate
// attributes, text outside the root element and a second root all raise
// DataError("<file>:<line>: <reason>").
// Not supported (rejected with a clear message): DTD internal subsets and custom entities.
// The whole document is held in memory (one read); each event is O(its length).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace firmnet {

struct XmlEvent {
  enum class Kind { start_element, end_element, text, end_of_document };
  Kind kind = Kind::end_of_document;
  std::string name;  // element name with any prefix, e.g. "graphml" or "viz:position"
  std::vector<std::pair<std::string, std::string>> attributes;  // decoded values, document order
  std::string text;           // decoded character data (text events; CDATA included)
  std::uint64_t line = 0;     // 1-based line where the element or text starts
  bool self_closing = false;  // start_element written as <x/>; a matching end_element follows

  /// Value of an attribute, or nullptr when absent. O(attributes).
  const std::string* attribute(std::string_view key) const;
};

class XmlReader {
 public:
  /// Reads the whole file and checks that it is UTF-8. Throws DataError when it cannot be read
  /// or is not UTF-8. O(file bytes).
  explicit XmlReader(const std::string& path);
  /// Parses text held in memory; path only names the source in messages. O(text length).
  XmlReader(std::string text, std::string path);

  /// The next event. Text between elements is reported only when it is not all whitespace.
  /// After end_of_document every call returns end_of_document. Throws DataError on bad XML.
  /// O(length of the markup and text consumed).
  const XmlEvent& next();
  /// The source's name. O(1).
  const std::string& path() const { return path_; }
  /// Frees the document text once parsing is done (next() then returns end_of_document).
  /// O(open elements).
  void release() {
    std::string().swap(text_);
    pos_ = 0;
    open_.clear();
  }
  /// Throws DataError prefixed with "<path>:<line>: ". O(message length).
  [[noreturn]] void fail(std::uint64_t line, const std::string& reason) const;

 private:
  void skip_bom();  // also normalises line ends
  void check_utf8() const;  // DataError naming the first line that is not valid UTF-8
  bool starts_with(std::string_view s) const { return text_.compare(pos_, s.size(), s) == 0; }
  void advance_to(std::size_t end);  // moves pos_ to end, counting newlines
  void parse_markup();
  void parse_text();
  void parse_start_tag();
  void parse_end_tag();
  bool repeated_attribute(const std::string& key);  // key already on the current start tag
  std::string read_name();
  void skip_spaces();
  void decode_into(std::string_view raw, std::string& out, std::uint64_t line, bool attribute) const;

  std::string text_, path_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::vector<std::string> open_;
  std::unordered_set<std::string> seen_keys_;  // attribute names of a long start tag
  bool seen_root_ = false;
  bool pending_end_ = false;  // a self-closing start tag was returned; its end comes next
  XmlEvent event_;
};

}  // namespace firmnet
