# bench_graph: exact betweenness on 10,000 actors / 50,000 links and every
# coordination metric on 1,000 actors, next to NetworkX in the same run
# (see bench_graph.cpp).  Prints figures; asserts nothing.
add_executable(bench_graph bench_graph.cpp)
target_link_libraries(bench_graph PRIVATE localmap_coordination CLI11::CLI11 nlohmann_json::nlohmann_json)
target_compile_definitions(bench_graph PRIVATE LOCALMAP_BENCH_BUILD_TYPE="$<CONFIG>")
