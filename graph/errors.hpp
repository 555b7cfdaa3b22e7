// Error types shared by the library and the CLI.
// DataError: the input data or file is bad (CLI exit code 1).
// UsageError: the request itself is wrong, e.g. an unknown option value (exit code 2).
#pragma once
#include <stdexcept>
#include <string>

namespace firmnet {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace firmnet
