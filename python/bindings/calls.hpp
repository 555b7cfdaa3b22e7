// The Python module's bridge to the library (docs/PYTHON.md): how a call leaves Python and
// comes back. A long call releases the GIL, runs with the requested OpenMP thread count,
// reports progress to a Python callback (taking the GIL only for the callback) and lets Ctrl-C
// abort it; HDF5 access happens with the GIL held, because Debian's libhdf5 is not thread-safe.
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <memory>
#include <string>
#include <vector>

#include "graph/columns.hpp"
#include "graph/graph.hpp"
#include "graph/progress.hpp"
#include "results/result.hpp"

namespace firmnet::python {

namespace py = pybind11;

/// Held around every libhdf5 call (load, save, read or write a result): the GIL. Debian's
/// libhdf5 is not built thread-safe, and h5py calls it holding the GIL too, so holding the GIL
/// makes firmnet's HDF5 calls take turns with each other and with h5py's. A call made with the
/// GIL released takes it back for its write only. O(1) (reentrant).
using Hdf5Turn = py::gil_scoped_acquire;

/// Sets the OpenMP thread count of the calling thread for its lifetime (threads <= 0 keeps
/// the default) and restores the previous count afterwards. OpenMP keeps the count per
/// thread, so two Python threads with different counts do not disturb each other.
class ThreadScope {
 public:
  /// O(1).
  explicit ThreadScope(int threads);
  ~ThreadScope();
  ThreadScope(const ThreadScope&) = delete;
  ThreadScope& operator=(const ThreadScope&) = delete;
  /// Threads a parallel region of this thread uses now. O(1).
  int effective() const;

 private:
  int saved_;
};

/// The Progress of one library call made with the GIL released. At each report made by the
/// calling Python thread (outside parallel regions, or as thread 0 of every enclosing team)
/// it takes the GIL, checks for Ctrl-C (PyErr_CheckSignals) and calls callback(stage,
/// fraction) unless callback is None. A KeyboardInterrupt or an exception of the callback is
/// thrown (py::error_already_set) at once outside parallel regions, which aborts the
/// computation; inside one, where no exception may leave, it is kept and thrown at the next
/// report outside, or by raise_pending. Reports of other threads are skipped.
class PythonProgress {
 public:
  /// Must be made, and destroyed, with the GIL held. O(1).
  explicit PythonProgress(const py::object& callback);
  const Progress& progress() const { return progress_; }
  /// With the GIL held, after the computation: throws the kept exception, or a Ctrl-C that
  /// came after the last report, so that an interrupted call stores nothing. O(1).
  void raise_pending() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
  Progress progress_;
};

/// A vector handed to numpy without copying: the array owns it through a capsule. O(1).
template <typename T>
py::array owned_array(std::vector<T>&& values) {
  auto* heap = new std::vector<T>(std::move(values));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>(static_cast<py::ssize_t>(heap->size()), heap->data(), owner);
}

/// A read-only numpy view of memory that `owner` keeps alive (no copy). O(1).
template <typename T>
py::array view_array(const T* data, std::size_t size, py::handle owner) {
  py::array_t<T> array(static_cast<py::ssize_t>(size), data, owner);
  array.attr("flags").attr("writeable") = false;
  return array;
}

/// A column for Python as (kind, data...): ("float64", array), ("int64", array) with
/// kMissingInt64 for missing, or ("dictionary", int32 codes, list of values). The vectors are
/// moved into numpy, not copied. O(dictionary).
py::tuple column_to_python(ExtraColumn&& column);

/// A Result as a dict: name, method, seed, threads, parameters, scalars (dicts), columns
/// (list of (name, column)) and tables (list of (name, list of (name, column))), with every
/// array moved, not copied. O(parameters + scalars + dictionaries).
py::dict result_to_python(Result&& result);

/// A scalar as int, float or str. O(length).
py::object scalar_to_python(const ScalarValue& value);

}  // namespace firmnet::python
