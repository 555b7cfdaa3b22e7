// What a person sees of each family's stored tables: the columns, their titles and formats,
// shared by the command line's text tables and the HTML report (report/render.hpp). The
// column names are the results layer's constants, so a renamed column breaks the build here,
// not a reader's table.
#pragma once
#include "report/render.hpp"
#include "results/anchor_result.hpp"
#include "results/community_result.hpp"
#include "results/park_result.hpp"

namespace firmnet::report {

/// Park verdicts with their evidence (`firmnet parks`, the report). O(1).
inline TableView park_verdicts_view() {
  namespace s = spatial::stored;
  return {s::units,
          {{s::name, "unit"},
           {s::verdict, "verdict"},
           {s::firms, "firms", CellFormat::count},
           {s::internal_links, "internal", CellFormat::count},
           {s::degree_ratio, "x degree", CellFormat::share},
           {s::null_mean, "expected", CellFormat::share},
           {s::z, "z", CellFormat::share},
           {s::q, "q", CellFormat::share},
           {s::vertical_share, "vertical", CellFormat::share},
           {s::vertical_q, "vertical q", CellFormat::share},
           {s::share_external, "external", CellFormat::share},
           {s::hub, "hub"},
           {s::dominant_community, "community"},
           {s::dominant_share, "share", CellFormat::share}}};
}

/// Communities with their quality (`firmnet communities`, the report). O(1).
inline TableView communities_view(std::size_t max_rows) {
  namespace s = community::stored;
  return {s::communities,
          {{s::community, "community"},
           {s::size, "size", CellFormat::count},
           {s::internal_weight, "internal weight", CellFormat::share},
           {s::density, "density", CellFormat::share},
           {s::conductance, "conductance", CellFormat::share},
           {s::consensus, "consensus", CellFormat::share}},
          max_rows};
}

/// The fitted deterrence function f(d) of a spatial-modularity community result. O(1).
inline TableView deterrence_view() {
  namespace s = community::stored;
  return {s::deterrence,
          {{s::bin, "bin"},
           {s::lower_km, "from km", CellFormat::share},
           {s::upper_km, "to km", CellFormat::share},
           {s::deterrence_value, "f(d)", CellFormat::precise},
           {"links", "links", CellFormat::count}}};
}

/// Wall time per phase of `firmnet analyze` (result `analyze`). O(1).
inline TableView phases_view() {
  return {"phases", {{"phase", "phase"}, {"seconds", "seconds", CellFormat::share}}};
}

/// A ranked list of anchor firms (`firmnet anchors`, the report). O(1).
inline TableView anchor_picks_view(const char* table, const char* group_title, std::size_t max_rows) {
  namespace s = anchors::stored;
  return {table,
          {{s::rank, "rank"},
           {s::name, "firm"},
           {s::group, group_title},
           {s::score, "score", CellFormat::share},
           {s::reason, "why"}},
          max_rows};
}

}  // namespace firmnet::report
