#pragma once

#include "browser/browsercontext.h"

#include <functional>

class QMessageBox;
class QWidget;

namespace loom::firstwrite {

// A v0.1.10 daemon exits right after the first write to a store it joined from an address (its
// own bug; the write is kept and replicates once the daemon is restarted). Before that first
// write Loom says so and lets the person go on or cancel; the answer "Continue" is remembered
// (ThreadsClient::acknowledgeFirstWrite), so it is asked once per store.
//
// Runs `go` at once when no warning is needed; otherwise opens a window-modal box without
// blocking and runs `go` only on Continue. Returns the box (null when none was needed).
QMessageBox *confirmThen(QWidget *parent, const BrowserContext &context, std::function<void()> go);

} // namespace loom::firstwrite
