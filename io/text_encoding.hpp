// Text encodings of input files: transcoding to UTF-8 through glibc's iconv, a guess at the
// encoding of bytes that are not UTF-8, and the file formats that are not text at all.
//
// Supported encodings (docs/FORMAT.md, "Encodings"): utf-8, gb18030, gbk, big5, latin1. Each
// is ASCII-compatible, so delimiters, quotes and line ends keep their bytes and a transcoded
// file keeps its line numbers.
//
// The guess (guess_encoding) decodes the bytes as GB18030 and as Big5 and counts how the
// two-byte characters look: Chinese text is almost all CJK ideographs (U+4E00-U+9FFF),
// CJK punctuation or full-width forms, and in GB18030 (GB2312's rows A1-FE) nearly every
// trail byte is >= 0x80; Latin-1 text decoded as a two-byte encoding gives "characters" whose
// trail byte is an ASCII letter (the letter after an accented one). Big5 text decoded as
// GB18030 falls on GB2312's kana, Greek and private-use rows, so its CJK share drops. Cost:
// O(sample length).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace firmnet {

/// The names --encoding accepts, for help texts: "utf-8, gb18030, gbk, big5, latin1". O(1).
const char* supported_encodings();

/// The canonical name of an encoding ("utf-8", "gb18030", "gbk", "big5", "latin1"), accepting
/// "", "utf8", "gb2312" (read as gbk's superset), "big-5", "iso-8859-1" and any case; "" means
/// utf-8. Throws UsageError for anything else. O(length).
std::string canonical_encoding(std::string_view name);

/// Streaming conversion from one of the supported encodings to UTF-8 (iconv). Not copyable.
class Utf8Transcoder {
 public:
  /// encoding: a canonical name other than utf-8. Throws UsageError when iconv lacks it. O(1).
  explicit Utf8Transcoder(const std::string& encoding);
  ~Utf8Transcoder();
  Utf8Transcoder(const Utf8Transcoder&) = delete;
  Utf8Transcoder& operator=(const Utf8Transcoder&) = delete;

  enum class Stop { input_used, output_full, incomplete, invalid };
  /// Converts from in[in_used..in_size) into out[out_used..out_size), advancing both counts.
  /// Stops when the input is used up, the output is full, the input ends inside a character
  /// (incomplete: keep the tail and retry with more bytes) or at a byte sequence the encoding
  /// does not have (invalid; in_used points at it). O(bytes converted).
  Stop convert(const char* in, std::size_t in_size, std::size_t& in_used, char* out, std::size_t out_size,
               std::size_t& out_used);
  const std::string& encoding() const { return encoding_; }

 private:
  std::string encoding_;
  void* handle_;  // iconv_t
};

/// The most likely encoding of bytes that are not valid UTF-8: "gb18030", "big5" or "latin1"
/// (the fallback: every byte string is Latin-1). O(length).
std::string guess_encoding(std::string_view bytes);

/// The advice for bytes that are not UTF-8: "looks like GB18030; rerun with --encoding gb18030".
/// O(length).
std::string encoding_advice(std::string_view bytes);

/// Why a file whose first bytes are these is not a CSV text, naming the format and what to do
/// instead ("an Excel .xlsx workbook ...: save it as CSV UTF-8 ..."): a zip archive (.xlsx,
/// .ods), an OLE2 compound file (.xls), Parquet, HDF5 or UTF-16 text; "" for anything else. O(1).
std::string not_csv_reason(std::string_view first_bytes);

}  // namespace firmnet
