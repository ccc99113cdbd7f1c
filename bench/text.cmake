# bench_text: the text engine's figures (docs/text-engine.md#benchmarks).
if(TARGET faro_text_imgui)
  add_executable(bench_text ${CMAKE_CURRENT_SOURCE_DIR}/bench_text.cpp)
  target_link_libraries(bench_text PRIVATE faro_text_imgui faro_content)
  target_compile_definitions(bench_text PRIVATE FARO_DEMO_DIR="${PROJECT_SOURCE_DIR}/content/demo")
endif()
