#include "python/bindings/calls.hpp"

#include <omp.h>

namespace firmnet::python {

ThreadScope::ThreadScope(int threads) : saved_(omp_get_max_threads()) {
  if (threads > 0) omp_set_num_threads(threads);
}

ThreadScope::~ThreadScope() { omp_set_num_threads(saved_); }

int ThreadScope::effective() const { return omp_get_max_threads(); }

struct PythonProgress::State {
  py::object callback;
  std::shared_ptr<py::error_already_set> pending;  // raised inside a parallel region
};

namespace {

// Whether this thread is the Python thread that made the call: thread 0 of every enclosing team.
bool calling_thread() {
  for (int level = omp_get_level(); level > 0; --level)
    if (omp_get_ancestor_thread_num(level) != 0) return false;
  return true;
}

}  // namespace

PythonProgress::PythonProgress(const py::object& callback)
    // The last copy of the state may die without the GIL (a Progress copied into the library).
    : state_(new State{callback, nullptr}, [](State* state) {
        py::gil_scoped_acquire gil;
        delete state;
      }) {
  progress_ = Progress([state = state_](std::string_view stage, double fraction) {
    if (!calling_thread()) return;
    const bool nested = omp_get_level() > 0;
    py::gil_scoped_acquire gil;
    if (state->pending) {
      if (!nested) throw py::error_already_set(*state->pending);
      return;
    }
    try {
      if (PyErr_CheckSignals() != 0) throw py::error_already_set();
      if (!state->callback.is_none()) state->callback(py::str(stage.data(), stage.size()), fraction);
    } catch (py::error_already_set& error) {
      if (!nested) throw;
      state->pending = std::make_shared<py::error_already_set>(std::move(error));
    }
  });
}

void PythonProgress::raise_pending() const {
  if (state_->pending) throw py::error_already_set(*state_->pending);
  if (PyErr_CheckSignals() != 0) throw py::error_already_set();
}

py::tuple column_to_python(ExtraColumn&& column) {
  if (auto* reals = std::get_if<Float64Column>(&column.values))
    return py::make_tuple("float64", owned_array(std::move(*reals)));
  if (auto* integers = std::get_if<Int64Column>(&column.values))
    return py::make_tuple("int64", owned_array(std::move(*integers)));
  auto& text = std::get<StringColumn>(column.values);
  py::list dictionary;
  for (const auto& value : text.dictionary) dictionary.append(py::str(value));
  return py::make_tuple("dictionary", owned_array(std::move(text.codes)), dictionary);
}

py::object scalar_to_python(const ScalarValue& value) {
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return py::int_(*integer);
  if (const auto* real = std::get_if<double>(&value)) return py::float_(*real);
  return py::str(std::get<std::string>(value));
}

namespace {

py::dict scalars_to_python(const std::vector<NamedScalar>& scalars) {
  py::dict out;
  for (const auto& [key, value] : scalars) out[py::str(key)] = scalar_to_python(value);
  return out;
}

py::list columns_to_python(std::vector<ExtraColumn>&& columns) {
  py::list out;
  for (auto& column : columns) {
    std::string name = column.name;
    out.append(py::make_tuple(name, column_to_python(std::move(column))));
  }
  return out;
}

}  // namespace

py::dict result_to_python(Result&& result) {
  py::dict out;
  out["name"] = result.name;
  out["method"] = result.method;
  out["seed"] = result.seed;
  out["threads"] = result.threads;
  out["parameters"] = scalars_to_python(result.parameters);
  out["scalars"] = scalars_to_python(result.scalars);
  out["columns"] = columns_to_python(std::move(result.node_columns));
  py::list tables;
  for (auto& table : result.tables) tables.append(py::make_tuple(table.name, columns_to_python(std::move(table.columns))));
  out["tables"] = tables;
  return out;
}

}  // namespace firmnet::python
