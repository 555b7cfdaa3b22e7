// Streaming RFC 4180 CSV reader.
//
// Reads a file in fixed-size chunks and yields one record at a time, so memory is bounded by
// the chunk and the longest record, never the whole file. Handles quoted fields with embedded
// delimiters, quotes ("") and newlines; an optional UTF-8 BOM; LF, CRLF and lone CR line ends;
// comma, tab, semicolon or '|' delimiters (detected from the header line unless given). Blank
// lines are skipped. A file in another encoding (io/text_encoding.hpp) is transcoded to UTF-8
// chunk by chunk as it is read; a spreadsheet, Parquet, HDF5 or UTF-16 file is refused by its
// first bytes.
//
// Problems confined to one record (invalid UTF-8, a stray quote inside an unquoted field, text
// after a closing quote) are reported through record_problem() and the record is still
// consumed, so a lenient caller can skip it. Problems that make the rest of the file
// unreadable (an unterminated quote, a record longer than the limit) throw DataError naming
// the file and line.
#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/text_encoding.hpp"

namespace firmnet {

struct CsvProblem {
  std::string reason;  // stable key: "invalid_utf8", "bad_quoting"
  std::string detail;
};

class CsvReader {
 public:
  /// delimiter 0 = detect from the first line (detect_delimiter). max_record_bytes bounds
  /// memory for hostile input. encoding: a canonical name (text_encoding.hpp); "" or "utf-8"
  /// reads the bytes as they are. Throws DataError if unreadable or not a text file.
  /// O(first line) for the detection.
  CsvReader(std::string path, char delimiter = 0, std::size_t max_record_bytes = 64u << 20,
            const std::string& encoding = "");
  ~CsvReader();
  CsvReader(const CsvReader&) = delete;
  CsvReader& operator=(const CsvReader&) = delete;

  /// Reads the next non-blank record into fields (views valid until the next call).
  /// Returns false at end of file. Amortised O(record length).
  bool next(std::vector<std::string_view>& fields);

  /// Physical line (1-based) on which the current record starts. O(1).
  std::uint64_t record_line() const { return record_line_; }
  /// Set when the current record has a record-level problem; empty reason otherwise. O(1).
  const CsvProblem& record_problem() const { return problem_; }
  /// Whether the current record has a problem; the delimiter in use; the file's path. O(1).
  bool has_problem() const { return !problem_.reason.empty(); }
  char delimiter() const { return delimiter_; }
  const std::string& path() const { return path_; }
  /// Bytes of the file consumed so far and its total size, for progress. O(1).
  std::uint64_t bytes_read() const { return transcoder_ ? raw_read_ - (raw_end_ - raw_pos_) : consumed_; }
  /// Whether the file is transcoded: offset() and resume_at() then count UTF-8 bytes, not the
  /// file's. O(1).
  bool transcoded() const { return transcoder_ != nullptr; }
  /// The current record's bytes, fields run together without delimiters. O(1).
  std::string_view record_bytes() const { return record_; }
  /// Byte offset and physical line (1-based) where the next record starts. O(1).
  std::uint64_t offset() const { return consumed_ + pos_; }
  std::uint64_t line() const { return line_; }
  /// Continues reading at a byte offset where a record starts, on the given physical line, as
  /// if everything before it had been read. Not for a transcoded file. O(1).
  void resume_at(std::uint64_t offset, std::uint64_t line);
  std::uint64_t file_size() const { return file_size_; }

 private:
  bool fill();          // refills buf_ from the file; false at EOF
  bool fill_transcoded();  // fill() through the transcoder
  bool read_raw();      // appends file bytes after the unconverted tail of raw_; false at EOF
  int peek_byte();      // -1 at EOF
  void detect_delimiter();  // the most frequent of , tab ; | outside quotes on the first line
  [[noreturn]] void fail(std::uint64_t line, const std::string& message) const;

  std::string path_;
  std::FILE* file_ = nullptr;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  std::uint64_t consumed_ = 0, file_size_ = 0;
  char delimiter_ = 0;
  std::size_t max_record_bytes_;
  std::uint64_t line_ = 1, record_line_ = 0;
  std::string record_;                  // unescaped bytes of the current record
  std::vector<std::size_t> field_ends_;  // end offset of each field in record_
  CsvProblem problem_;
  std::unique_ptr<Utf8Transcoder> transcoder_;
  std::vector<char> raw_;  // file bytes not yet transcoded: [raw_pos_, raw_end_)
  std::size_t raw_pos_ = 0, raw_end_ = 0;
  std::uint64_t raw_read_ = 0;
};

/// True when s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). O(length).
bool is_valid_utf8(std::string_view s);

/// Appends code point cp (<= U+10FFFF, not a surrogate) encoded as UTF-8. O(1).
void append_utf8(std::string& out, std::uint32_t cp);

}  // namespace firmnet
