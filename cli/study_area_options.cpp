#include "cli/study_area_options.hpp"

namespace firmnet::cli {

void add_study_area_options(CLI::App* sub, StudyAreaArgs& args) {
  sub->add_option("--study-area", args.values,
                  "The firms studied, comma-separated: region or park values, or a box lat1,lon1,lat2,lon2. Firms "
                  "outside are scored but never ranked as anchors, and links to them are external in the park test "
                  "(default: the regions that hold parks when there are parks, else every region)")
      ->delimiter(',');
  sub->add_option("--outside-regions", args.outside_regions,
                  "Regions outside the study area in any case, comma-separated ('' for none)")
      ->delimiter(',')
      ->capture_default_str();
}

spatial::StudyArea study_area_from(const StudyAreaArgs& args) {
  return spatial::parse_study_area(args.values, args.outside_regions);
}

}  // namespace firmnet::cli
