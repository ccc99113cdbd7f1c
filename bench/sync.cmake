add_executable(bench_sync ${CMAKE_CURRENT_SOURCE_DIR}/bench_sync.cpp)
target_link_libraries(bench_sync PRIVATE faro_sync)
