#pragma once
// A throw-away PostgreSQL + PostGIS server for the PostGIS peer, started and
// removed by the tests' own script (tests/postgis/pg_cluster.sh, called, not
// copied: one place knows how to run a server as root on loopback).
//
// The cluster is stopped and its data deleted by the destructor, also when
// the benchmark fails with an exception, and by a handler for SIGINT, SIGTERM
// and SIGHUP, so an interrupted run leaves no server behind.  When no server
// can be started (no binaries, no PostGIS) available() is false and why()
// says so; the benchmark carries on without this peer.

#include <string>

namespace bench {

class PostgisCluster {
 public:
  PostgisCluster(const std::string& script, const std::string& dir);
  ~PostgisCluster();
  PostgisCluster(const PostgisCluster&) = delete;
  PostgisCluster& operator=(const PostgisCluster&) = delete;

  bool available() const { return !conninfo_.empty(); }
  const std::string& why() const { return why_; }            // when not available
  const std::string& conninfo() const { return conninfo_; }  // libpq keyword=value, with the password
  double start_seconds() const { return start_s_; }           // initdb + start + CREATE EXTENSION, not a measured step

 private:
  void stop();
  std::string script_, dir_, conninfo_, why_;
  double start_s_ = 0;
  bool started_ = false;
};

}  // namespace bench
