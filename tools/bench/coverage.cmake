# bench_coverage: nearest operational facility and radius coverage queries
# per second, 1,000,000 issues against 10,000 facilities on the Yemen
# districts, next to brute force on a sample (see bench_coverage.cpp).
# Prints figures; asserts nothing.  Included from tools/bench/CMakeLists.txt.
get_filename_component(LOCALMAP_BENCH_COVERAGE_DISTRICTS
  "${PROJECT_SOURCE_DIR}/../shared/data/boundaries/yem_adm2.gpkg" ABSOLUTE)
add_executable(bench_coverage bench_coverage.cpp)
target_link_libraries(bench_coverage PRIVATE localmap_coverage CLI11::CLI11)
target_compile_definitions(bench_coverage PRIVATE
  LOCALMAP_BENCH_DISTRICTS="${LOCALMAP_BENCH_COVERAGE_DISTRICTS}"
  LOCALMAP_BENCH_BUILD_TYPE="$<CONFIG>")
