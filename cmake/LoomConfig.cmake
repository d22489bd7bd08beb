# One INTERFACE target carries the language level, warnings and Qt strictness for our own code.
# Generated protobuf/gRPC code does not link it, so its warnings stay out of our builds.
add_library(loom_config INTERFACE)
target_compile_features(loom_config INTERFACE cxx_std_20)
target_compile_options(loom_config INTERFACE
    -Wall -Wextra -pedantic -Wnon-virtual-dtor -Wold-style-cast)
target_compile_definitions(loom_config INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_CONTEXTLESS_CONNECT
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_UP_TO=0x060400
    LOOM_VERSION="${PROJECT_VERSION}")
