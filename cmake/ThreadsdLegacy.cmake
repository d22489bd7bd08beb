# Builds threadsd v0.1.10 (go-threads' legacy "store" API, api.pb.API) from the pinned module in
# tools/threadsd-legacy, once: the binary is cached in the build tree and rebuilt only when the pins
# or the QUIC stub change (../shared/docs/legacy-threadsd-build.md). QUIC is replaced by
# tools/threadsd-legacy/stubs/quic: the real one panics at start-up on current Go.
# Tests and benchmarks run it only inside a loopback-only network namespace.
find_program(GO_EXECUTABLE go PATHS /usr/local/go/bin /usr/lib/go/bin REQUIRED)

set(LOOM_THREADSD_LEGACY_SOURCE ${PROJECT_SOURCE_DIR}/tools/threadsd-legacy)
set(LOOM_THREADSD_LEGACY_BINARY ${PROJECT_BINARY_DIR}/threadsd-legacy/threadsd-legacy
    CACHE INTERNAL "threadsd v0.1.10 (legacy) binary")

add_custom_command(
    OUTPUT ${LOOM_THREADSD_LEGACY_BINARY}
    COMMAND ${CMAKE_COMMAND} -E env GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
            ${GO_EXECUTABLE} build -trimpath -buildvcs=false -o ${LOOM_THREADSD_LEGACY_BINARY}
            github.com/textileio/go-threads/threadsd
    WORKING_DIRECTORY ${LOOM_THREADSD_LEGACY_SOURCE}
    DEPENDS ${LOOM_THREADSD_LEGACY_SOURCE}/go.mod ${LOOM_THREADSD_LEGACY_SOURCE}/go.sum
            ${LOOM_THREADSD_LEGACY_SOURCE}/tools.go
            ${LOOM_THREADSD_LEGACY_SOURCE}/stubs/quic/go.mod
            ${LOOM_THREADSD_LEGACY_SOURCE}/stubs/quic/transport.go
    COMMENT "Building threadsd-legacy (go-threads v0.1.10, without QUIC); the first build takes a few minutes"
    VERBATIM)
add_custom_target(threadsd_legacy ALL DEPENDS ${LOOM_THREADSD_LEGACY_BINARY})
