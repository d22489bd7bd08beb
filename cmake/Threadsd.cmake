# Builds threadsd (go-threads v1.1.5) from the pinned module in tools/threadsd through the Go module
# proxy, once: the binary is cached in the build tree and rebuilt only when the pins change.
# Tests, benchmarks and scripts/loom.sh run it only inside a loopback-only network namespace.
find_program(GO_EXECUTABLE go PATHS /usr/local/go/bin /usr/lib/go/bin REQUIRED)

set(LOOM_THREADSD_SOURCE ${PROJECT_SOURCE_DIR}/tools/threadsd)
set(LOOM_THREADSD_BINARY ${PROJECT_BINARY_DIR}/threadsd/threadsd CACHE INTERNAL "threadsd binary")

add_custom_command(
    OUTPUT ${LOOM_THREADSD_BINARY}
    COMMAND ${CMAKE_COMMAND} -E env GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
            ${GO_EXECUTABLE} build -trimpath -buildvcs=false -o ${LOOM_THREADSD_BINARY}
            github.com/textileio/go-threads/threadsd
    WORKING_DIRECTORY ${LOOM_THREADSD_SOURCE}
    DEPENDS ${LOOM_THREADSD_SOURCE}/go.mod ${LOOM_THREADSD_SOURCE}/go.sum
    COMMENT "Building threadsd (go-threads v1.1.5); the first build takes a few minutes"
    VERBATIM)
add_custom_target(threadsd ALL DEPENDS ${LOOM_THREADSD_BINARY})
