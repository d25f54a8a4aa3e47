#include "postgis_cluster.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "subprocess.hpp"

namespace bench {
namespace {

constexpr const char* kBash = "/bin/bash";

// What the signal handler needs, prepared before it can run: it may only
// make async-signal-safe calls (fork, execv, waitpid, raise), no allocation.
char handler_script[4096];
char handler_dir[4096];

extern "C" void stop_on_signal(int sig) {
  const pid_t pid = fork();
  if (pid == 0) {
    char bash[] = "bash", stop[] = "stop";
    char* argv[] = {bash, handler_script, stop, handler_dir, nullptr};
    execv(kBash, argv);
    _exit(127);
  }
  if (pid > 0) {
    int status = 0;
    waitpid(pid, &status, 0);
  }
  std::signal(sig, SIG_DFL);
  raise(sig);
}

void copy_bounded(char* to, std::size_t size, const std::string& from) {
  std::strncpy(to, from.c_str(), size - 1);
  to[size - 1] = '\0';
}

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

PostgisCluster::PostgisCluster(const std::string& script, const std::string& dir) : script_(script), dir_(dir) {
  if (!std::filesystem::exists(script_)) {
    why_ = "no cluster script at " + script_;
    return;
  }
  std::filesystem::create_directories(dir_);
  copy_bounded(handler_script, sizeof handler_script, script_);
  copy_bounded(handler_dir, sizeof handler_dir, dir_);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, stop_on_signal);
  started_ = true;  // from here on stop() runs, whatever start did
  // Its stdout (one status line) is not needed: the files it leaves say all.
  const ProcessResult p = run_process({kBash, script_, "start", dir_});
  start_s_ = p.wall_s;
  const std::filesystem::path d(dir_);
  if (p.exit_code != 0) {
    why_ = "pg_cluster.sh start failed with exit status " + std::to_string(p.exit_code) + " (its messages are above)";
    return;
  }
  if (std::filesystem::exists(d / "unavailable")) {
    why_ = first_line((d / "unavailable").string());
    return;
  }
  std::map<std::string, std::string> values;
  std::ifstream in(d / "connection");
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  if (values["port"].empty()) {
    why_ = "pg_cluster.sh wrote no connection file";
    return;
  }
  conninfo_ = "host=" + values["host"] + " port=" + values["port"] + " dbname=" + values["dbname"] +
              " user=" + values["user"] + " password=" + values["password"];
}

void PostgisCluster::stop() {
  if (!started_) return;
  started_ = false;
  run_process({kBash, script_, "stop", dir_});
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) std::signal(sig, SIG_DFL);
}

PostgisCluster::~PostgisCluster() { stop(); }

}  // namespace bench
