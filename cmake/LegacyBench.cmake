# Builds tools/threadsd-legacy/legacybench (the legacy Go client of go-threads v0.1.10, api/client,
# doing bulk ModelCreate the seed's way) for scripts/compare.sh's legacy section. A second main
# package in the threadsd-legacy module: same pins, go.sum and QUIC stub (no quic-go is linked:
# `go version -m build/legacybench/legacybench`). Not part of ALL: no test needs it;
# `cmake --build build --target legacybench` (compare.sh does it) builds it once and caches it.
set(LOOM_LEGACYBENCH_BINARY ${PROJECT_BINARY_DIR}/legacybench/legacybench CACHE INTERNAL "legacybench binary")

add_custom_command(
    OUTPUT ${LOOM_LEGACYBENCH_BINARY}
    COMMAND ${CMAKE_COMMAND} -E env GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
            ${GO_EXECUTABLE} build -trimpath -buildvcs=false -o ${LOOM_LEGACYBENCH_BINARY} ./legacybench
    WORKING_DIRECTORY ${LOOM_THREADSD_LEGACY_SOURCE}
    DEPENDS ${LOOM_THREADSD_LEGACY_SOURCE}/go.mod ${LOOM_THREADSD_LEGACY_SOURCE}/go.sum
            ${LOOM_THREADSD_LEGACY_SOURCE}/legacybench/main.go
            ${LOOM_THREADSD_LEGACY_SOURCE}/stubs/quic/go.mod
            ${LOOM_THREADSD_LEGACY_SOURCE}/stubs/quic/transport.go
    COMMENT "Building legacybench (go-threads v0.1.10 api/client)"
    VERBATIM)
add_custom_target(legacybench DEPENDS ${LOOM_LEGACYBENCH_BINARY})
