#include "cli/csv_input_options.hpp"

#include "io/text_encoding.hpp"

namespace firmnet::cli {

void add_csv_input_options(CLI::App* sub, CsvInputArgs& args) {
  sub->add_option("--delimiter", args.delimiter,
                  "Field delimiter: ',', ';', '|' or 'tab' (default: detected from the header line, the most frequent "
                  "of the four)")
      ->check(CLI::IsMember({",", ";", "|", "tab", "\\t", "comma", "semicolon", "pipe"}));
  sub->add_option("--encoding", args.encoding,
                  std::string("Text encoding of the CSV files: ") + supported_encodings() +
                      " (default: utf-8; a file that is not UTF-8 stops the import with its likely encoding)")
      ->check(CLI::IsMember({"utf-8", "utf8", "gb18030", "gbk", "gb2312", "big5", "latin1", "iso-8859-1"},
                            CLI::ignore_case));
  sub->add_option("--map", args.map,
                  "FIELD=COLUMN: read a field from a column of another name, e.g. --map source=买方代码 "
                  "(repeatable; FIELD is a canonical column name)");
}

void apply_csv_input_options(const CsvInputArgs& args, ImportOptions& options) {
  options.delimiter = parse_delimiter(args.delimiter);
  if (!args.encoding.empty()) options.encoding = canonical_encoding(args.encoding);
  options.column_map = parse_column_map(args.map);
}

}  // namespace firmnet::cli
