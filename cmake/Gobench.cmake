# Builds tools/gobench (the official Go client of go-threads v1.1.5 running bench_core's modes) for
# scripts/compare.sh. Not part of ALL: no test needs it, so a fresh build and the test command stay
# as they were; `cmake --build build --target gobench` (compare.sh does it) builds it once, in
# seconds after threadsd (same module cache), and caches it in the build tree.
set(LOOM_GOBENCH_SOURCE ${PROJECT_SOURCE_DIR}/tools/gobench)
set(LOOM_GOBENCH_BINARY ${PROJECT_BINARY_DIR}/gobench/gobench CACHE INTERNAL "gobench binary")

add_custom_command(
    OUTPUT ${LOOM_GOBENCH_BINARY}
    COMMAND ${CMAKE_COMMAND} -E env GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
            ${GO_EXECUTABLE} build -trimpath -buildvcs=false -o ${LOOM_GOBENCH_BINARY} .
    WORKING_DIRECTORY ${LOOM_GOBENCH_SOURCE}
    DEPENDS ${LOOM_GOBENCH_SOURCE}/go.mod ${LOOM_GOBENCH_SOURCE}/go.sum ${LOOM_GOBENCH_SOURCE}/main.go
    COMMENT "Building gobench (go-threads v1.1.5 api/client)"
    VERBATIM)
add_custom_target(gobench DEPENDS ${LOOM_GOBENCH_BINARY})
