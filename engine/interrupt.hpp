#pragma once
// SIGINT / SIGTERM during a run.  The handler only records the signal; the
// pipeline checks between steps and stops by throwing Interrupted, so the
// staged outputs are discarded and the previous ones stay as they were.  A
// second signal while the first is pending ends the process at once (the
// next run removes what it left).

#include "engine/error.hpp"

namespace engine {

class Interrupted : public Error {
 public:
  explicit Interrupted(int signal);
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Installs the handlers (the CLI does, once).
void install_interrupt_handlers();
// The pending signal, 0 if none.
int pending_interrupt();
// Throws Interrupted when a signal is pending.
void stop_if_interrupted();

}  // namespace engine
