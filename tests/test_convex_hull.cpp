// Convex hull by Andrew's monotone chain (algorithms/spatial/convex_hull.hpp) on hand-computed
// examples (square with inner and edge points, collinear points, duplicates, fewer than three
// points), checked against the expected vertex lists and by the verifier; and the verifier
// itself catching broken hulls. Also the JSON reader that takes users' polygon files.
#include <catch2/catch.hpp>

#include "algorithms/spatial/convex_hull.hpp"
#include "algorithms/spatial/convex_hull_verifier.hpp"
#include "graph/errors.hpp"
#include "graph/random.hpp"
#include "io/json_reader.hpp"

using namespace firmnet;
using spatial::convex_hull;
using spatial::PlanePoint;
using spatial::verify_convex_hull;

TEST_CASE("convex hull: square with inner, edge and duplicate points", "[spatial][hull]") {
  // Corners (0,0) (4,0) (4,3) (0,3); (2,0) and (4,1) lie on edges, (1,1) and (3,2) inside.
  const std::vector<PlanePoint> points{{1, 1}, {4, 3}, {2, 0}, {0, 0}, {4, 1}, {0, 3}, {3, 2}, {4, 0}, {0, 0}, {4, 3}};
  const auto hull = convex_hull(points);
  // Counter-clockwise from the lowest-leftmost point, edge points dropped.
  CHECK(hull == std::vector<PlanePoint>{{0, 0}, {4, 0}, {4, 3}, {0, 3}});
  CHECK(verify_convex_hull(points, hull).ok());
}

TEST_CASE("convex hull: triangle keeps its orientation counter-clockwise", "[spatial][hull]") {
  // Given clockwise, returned counter-clockwise: signed area 0.5*(2*2) = 2 > 0.
  const std::vector<PlanePoint> points{{0, 0}, {1, 2}, {2, 0}};
  const auto hull = convex_hull(points);
  CHECK(hull == std::vector<PlanePoint>{{0, 0}, {2, 0}, {1, 2}});
  CHECK(verify_convex_hull(points, hull).ok());
}

TEST_CASE("convex hull: collinear points reduce to the two ends", "[spatial][hull]") {
  const std::vector<PlanePoint> points{{2, 2}, {0, 0}, {1, 1}, {3, 3}, {1, 1}};
  const auto hull = convex_hull(points);
  CHECK(hull == std::vector<PlanePoint>{{0, 0}, {3, 3}});
  CHECK(verify_convex_hull(points, hull).ok());
}

TEST_CASE("convex hull: fewer than three distinct points come back sorted and deduplicated", "[spatial][hull]") {
  CHECK(convex_hull({}).empty());
  CHECK(convex_hull({{5, 1}}) == std::vector<PlanePoint>{{5, 1}});
  CHECK(convex_hull({{5, 1}, {5, 1}, {5, 1}}) == std::vector<PlanePoint>{{5, 1}});
  const std::vector<PlanePoint> two{{3, 4}, {1, 2}, {3, 4}};
  CHECK(convex_hull(two) == std::vector<PlanePoint>{{1, 2}, {3, 4}});
  CHECK(verify_convex_hull(two, convex_hull(two)).ok());
}

TEST_CASE("convex hull: random clouds pass the verifier", "[spatial][hull]") {
  Rng rng(derive_seed(16, 1));
  for (int trial = 0; trial < 20; ++trial) {
    std::vector<PlanePoint> points;
    for (int i = 0; i < 200; ++i)  // a coarse grid, so that duplicates and collinear runs occur
      points.emplace_back(static_cast<double>(rng.below(30)), static_cast<double>(rng.below(20)));
    const auto verification = verify_convex_hull(points, convex_hull(points));
    INFO(trial << ": " << (verification.ok() ? "" : verification.violations.front()));
    CHECK(verification.ok());
  }
}

TEST_CASE("convex hull verifier: catches a clockwise hull, a missed point and a foreign vertex", "[spatial][hull]") {
  const std::vector<PlanePoint> points{{0, 0}, {4, 0}, {4, 3}, {0, 3}, {2, 1}};
  CHECK_FALSE(verify_convex_hull(points, {{0, 0}, {0, 3}, {4, 3}, {4, 0}}).ok());  // clockwise
  CHECK_FALSE(verify_convex_hull(points, {{0, 0}, {4, 0}, {4, 3}}).ok());          // (0,3) outside
  CHECK_FALSE(verify_convex_hull(points, {{0, 0}, {5, 0}, {4, 3}, {0, 3}}).ok());  // (5,0) not a point
  CHECK_FALSE(verify_convex_hull(points, {{0, 0}, {2, 0}, {4, 0}, {4, 3}, {0, 3}}).ok());  // (2,0) not a point
}

TEST_CASE("JSON reader: values, escapes and line-numbered errors", "[io][json]") {
  const JsonValue v = parse_json("{\"a\": [1, -2.5e1, true, null],\n \"b\": \"\\u56ed\\u533a \\ud83d\\ude00\"}", "t");
  REQUIRE(v.kind == JsonValue::Kind::object);
  const JsonValue* a = v.find("a");
  REQUIRE(a);
  REQUIRE(a->items.size() == 4);
  CHECK(a->items[1].number == -25.0);
  CHECK(a->items[2].boolean);
  CHECK(a->items[3].kind == JsonValue::Kind::null);
  CHECK(v.find("b")->text == "园区 \xF0\x9F\x98\x80");
  CHECK(v.find("b")->line == 2);
  CHECK_THROWS_WITH(parse_json("{\"a\": 1,\n\"b\" 2}", "f.geojson"), "f.geojson:2: expected ':' after member name \"b\"");
  CHECK_THROWS_WITH(parse_json("[01]", "f"), "f:1: a number must not start with 0");
  CHECK_THROWS_AS(parse_json("[1, 2", "f"), DataError);
  CHECK_THROWS_AS(parse_json("{} x", "f"), DataError);
  CHECK_THROWS_AS(parse_json("\"\\ud800\"", "f"), DataError);
}
