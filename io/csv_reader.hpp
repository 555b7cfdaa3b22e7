// Streaming RFC 4180 CSV reader.
//
// Reads a file in fixed-size chunks and yields one record at a time, so memory is bounded by
// the chunk and the longest record, never the whole file. Handles quoted fields with embedded
// delimiters, quotes ("") and newlines; an optional UTF-8 BOM; LF, CRLF and lone CR line ends;
// comma or tab delimiters (detected from the header line unless given). Blank lines are skipped.
//
// Problems confined to one record (invalid UTF-8, a stray quote inside an unquoted field, text
// after a closing quote) are reported through record_problem() and the record is still
// consumed, so a lenient caller can skip it. Problems that make the rest of the file
// unreadable (an unterminated quote, a record longer than the limit) throw DataError naming
// the file and line.
#pragma once
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

namespace firmnet {

struct CsvProblem {
  std::string reason;  // stable key: "invalid_utf8", "bad_quoting"
  std::string detail;
};

class CsvReader {
 public:
  /// delimiter 0 = detect from the first line (tab when it has more tabs than commas).
  /// max_record_bytes bounds memory for hostile input. Throws DataError if unreadable.
  /// O(first line) for the detection.
  CsvReader(std::string path, char delimiter = 0, std::size_t max_record_bytes = 64u << 20);
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
  /// Bytes consumed so far and total file size, for progress. O(1).
  std::uint64_t bytes_read() const { return consumed_; }
  /// Byte offset and physical line (1-based) where the next record starts. O(1).
  std::uint64_t offset() const { return consumed_ + pos_; }
  std::uint64_t line() const { return line_; }
  /// Continues reading at a byte offset where a record starts, on the given physical line, as
  /// if everything before it had been read. O(1).
  void resume_at(std::uint64_t offset, std::uint64_t line);
  std::uint64_t file_size() const { return file_size_; }

 private:
  bool fill();          // refills buf_ from the file; false at EOF
  int peek_byte();      // -1 at EOF
  void detect_delimiter();
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
};

/// True when s is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF). O(length).
bool is_valid_utf8(std::string_view s);

}  // namespace firmnet
