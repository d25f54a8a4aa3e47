#include "engine/interrupt.hpp"

#include <signal.h>

#include <csignal>
#include <cstring>
#include <string>

namespace engine {
namespace {

volatile std::sig_atomic_t pending = 0;

void on_signal(int signal) {
  if (pending != 0) {  // asked twice: stop now
    ::signal(signal, SIG_DFL);
    ::raise(signal);
    return;
  }
  pending = signal;
}

}  // namespace

Interrupted::Interrupted(int signal)
    : Error(std::string("interrupted by ") + (signal == SIGINT ? "SIGINT" : signal == SIGTERM ? "SIGTERM" : "a signal") +
                "; the previous outputs are unchanged"),
      signal_(signal) {}

void install_interrupt_handlers() {
  struct sigaction action;
  std::memset(&action, 0, sizeof action);
  action.sa_handler = on_signal;
  action.sa_flags = SA_RESTART;  // GDAL and libpq are not written for EINTR
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int pending_interrupt() { return pending; }

void stop_if_interrupted() {
  if (pending != 0) throw Interrupted(pending);
}

}  // namespace engine
