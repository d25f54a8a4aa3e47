# bench_priorities: the priorities analysis (drivers, periods, queen weights,
# Gi* / Local Moran with 999 permutations, index, sensitivity, outputs) on
# the 335 Yemen districts and 2,149 sub-districts with 1,000,000 synthetic
# issues (see bench_priorities.cpp).  Prints seconds per step; asserts
# nothing.  Included from tools/bench/CMakeLists.txt.
get_filename_component(LOCALMAP_BENCH_PRIORITIES_ADM2
  "${PROJECT_SOURCE_DIR}/../shared/data/boundaries/yem_adm2.gpkg" ABSOLUTE)
get_filename_component(LOCALMAP_BENCH_PRIORITIES_ADM3
  "${PROJECT_SOURCE_DIR}/../shared/data/boundaries/yem_adm3.gpkg" ABSOLUTE)
add_executable(bench_priorities bench_priorities.cpp)
target_link_libraries(bench_priorities PRIVATE localmap_priorities CLI11::CLI11)
target_compile_definitions(bench_priorities PRIVATE
  LOCALMAP_BENCH_DISTRICTS="${LOCALMAP_BENCH_PRIORITIES_ADM2}"
  LOCALMAP_BENCH_SUBDISTRICTS="${LOCALMAP_BENCH_PRIORITIES_ADM3}"
  LOCALMAP_BENCH_BUILD_TYPE="$<CONFIG>")
