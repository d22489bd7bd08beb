#pragma once
// Shared by the libFuzzer harnesses (tests/fuzz/*.cpp). Each defines LLVMFuzzerTestOneInput; the
// same code runs under libFuzzer (clang, LOOM_BUILD_FUZZERS) and under corpusdriver.cpp (any
// compiler, the seed corpus as a CTest regression suite).

#include <QByteArrayView>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace loom::fuzz {

inline QByteArrayView bytes(const uint8_t *data, size_t size)
{
    return QByteArrayView(data, static_cast<qsizetype>(size));
}

inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(bytes(data, size));
}

// An invariant that does not hold is a finding: say which and abort, so that libFuzzer (and the
// corpus driver) report it and keep the input.
inline void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant failed: %s\n", what);
        std::abort();
    }
}

} // namespace loom::fuzz
