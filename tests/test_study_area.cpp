// The study area (algorithms/spatial/study_area.hpp) on a hand-built network, and the text
// encoding helpers (io/text_encoding.hpp): guesses on known samples, formats by first bytes.
#include <catch2/catch.hpp>

#include "algorithms/spatial/study_area.hpp"
#include "graph/errors.hpp"
#include "io/text_encoding.hpp"
#include "test_centrality_support.hpp"
#include "test_support.hpp"

using namespace firmnet;
using namespace firmnet::spatial;
using firmnet::test::error_of;

namespace {

// 0, 1: Wuxi park P; 2: Wuxi, no park; 3: Shanghai; 4: outside; 5: no region, no park;
// 6: no region, park Q. Coordinates on 0-3.
Graph study_world() {
  const std::vector<std::string> regions = {"Wuxi", "Wuxi", "Wuxi", "Shanghai", "outside", "", ""};
  const std::vector<std::string> parks = {"P", "P", "", "", "", "", "Q"};
  NodeTable nodes = test::plain_nodes(7);
  StringColumnBuilder region, park;
  for (std::size_t i = 0; i < 7; ++i) {
    region.push_back(regions[i]);
    park.push_back(parks[i]);
  }
  nodes.region = std::move(region).finish();
  nodes.park = std::move(park).finish();
  const double lat[] = {31.5, 31.6, 31.7, 31.2}, lon[] = {120.3, 120.4, 120.5, 121.5};
  for (int i = 0; i < 4; ++i) {
    nodes.lat[i] = lat[i];
    nodes.lon[i] = lon[i];
  }
  return test::make_graph(7, {}, std::move(nodes));
}

std::vector<std::uint8_t> inside(const Graph& g, const StudyArea& area) { return study_area_members(g, area).inside; }

}  // namespace

TEST_CASE("study area: default, values, box and outside regions on a hand-built network", "[spatial][study_area]") {
  const Graph g = study_world();
  // Default: the regions holding parks (Wuxi) and every node in a park; never "outside".
  const StudyAreaMembers fallback = study_area_members(g, StudyArea{});
  CHECK(fallback.inside == std::vector<std::uint8_t>{1, 1, 1, 0, 0, 0, 1});
  CHECK(fallback.description == "regions holding parks: Wuxi; excluding region outside");
  CHECK(fallback.outside_nodes == 3);
  // Values: regions or parks; outside regions win.
  CHECK(inside(g, parse_study_area({"Wuxi", " Shanghai "}, {})) == std::vector<std::uint8_t>{1, 1, 1, 1, 0, 0, 0});
  CHECK(inside(g, parse_study_area({"P"}, {})) == std::vector<std::uint8_t>{1, 1, 0, 0, 0, 0, 0});
  CHECK(inside(g, parse_study_area({"Wuxi", "outside"}, {"outside"})) == std::vector<std::uint8_t>{1, 1, 1, 0, 0, 0, 0});
  const StudyAreaMembers mixed = study_area_members(g, parse_study_area({"Shanghai", "Q"}, {"outside"}));
  CHECK(mixed.description == "regions Shanghai; parks Q; excluding region outside");
  CHECK_THAT(error_of([&] { study_area_members(g, parse_study_area({"Hangzhou"}, {})); }),
             Catch::Contains("'Hangzhou' is neither a region nor a park"));
  // A box (corners in any order); nodes without coordinates are outside.
  const StudyArea box = parse_study_area({"31.65", "120.6", "31.4", "120.2"}, {});
  REQUIRE(box.box);
  CHECK(box.values.empty());
  CHECK(describe_study_area(box) == "box 31.65,120.6,31.4,120.2");
  CHECK(inside(g, box) == std::vector<std::uint8_t>{1, 1, 0, 0, 0, 0, 0});
  CHECK(outside_reason(g, box, 2) == "its coordinates lie outside the study area");
  CHECK(outside_reason(g, box, 5) == "no coordinates place it in the study area");
  CHECK(outside_reason(g, StudyArea{}, 3) == "region Shanghai is outside the study area");
  CHECK_THROWS_AS(parse_study_area({"91", "120", "31", "121"}, {}), UsageError);
  // Three numbers are values, not a box.
  CHECK_FALSE(parse_study_area({"31", "120", "32"}, {}).box);
  // Without parks: every node but the outside regions.
  NodeTable no_parks = test::plain_nodes(2);
  StringColumnBuilder region;
  region.push_back("outside");
  region.push_back("Wuxi");
  no_parks.region = std::move(region).finish();
  const Graph flat = test::make_graph(2, {}, std::move(no_parks));
  const StudyAreaMembers everything = study_area_members(flat, StudyArea{});
  CHECK(everything.inside == std::vector<std::uint8_t>{0, 1});
  CHECK(everything.description == "every node; excluding region outside");
}

TEST_CASE("encoding guesses: Chinese in GB18030 and Big5, Latin-1, and formats by their first bytes", "[io][csv]") {
  // 无锡纺纱有限公司 in GB18030; 台灣公司 in Big5 (half its trail bytes are ASCII letters);
  // Müller and Société in Latin-1.
  CHECK(guess_encoding("91320200A,\xCE\xDE\xCE\xFD\xB7\xC4\xC9\xB4\xD3\xD0\xCF\xDE\xB9\xAB\xCB\xBE,2008") == "gb18030");
  CHECK(guess_encoding("A,\xA5x\xC6W\xA4\xBD\xA5q,\xBBO\xA5_") == "big5");
  CHECK(guess_encoding("A,M\xFCller GmbH,Soci\xE9t\xE9 G\xE9n\xE9rale") == "latin1");
  CHECK(guess_encoding("B\xFF\xFE") == "latin1");
  CHECK(encoding_advice("\xCE\xDE\xCE\xFD") == "looks like GB18030; rerun with --encoding gb18030");
  CHECK(canonical_encoding("GBK") == "gbk");
  CHECK(canonical_encoding("") == "utf-8");
  CHECK(canonical_encoding("ISO-8859-1") == "latin1");
  CHECK_THROWS_AS(canonical_encoding("ebcdic"), UsageError);
  CHECK_THAT(not_csv_reason(std::string_view("PK\x03\x04\x14\x00", 6)), Catch::StartsWith("an Excel .xlsx workbook"));
  CHECK_THAT(not_csv_reason("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), Catch::StartsWith("an Excel .xls workbook"));
  CHECK_THAT(not_csv_reason("PAR1\x15"), Catch::Contains("firmnet.from_pandas"));
  CHECK(not_csv_reason("id,name\n") == "");
  CHECK(not_csv_reason("PK") == "");  // too short to be a zip
}
