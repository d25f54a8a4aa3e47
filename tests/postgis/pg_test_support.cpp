#include "pg_test_support.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <stdexcept>
#include <thread>

namespace fs = std::filesystem;

namespace pg_test {

std::string Cluster::conninfo(bool with_password) const {
  std::string out = "host=" + host + " port=" + port + " dbname=" + dbname + " user=" + user;
  if (with_password) out += " password=" + password;
  return out;
}

std::string Cluster::reader_conninfo() const {
  return "host=" + host + " port=" + port + " dbname=" + dbname + " user=" + reader_user + " password=" + reader_password;
}

std::optional<Cluster> cluster(std::string* why) {
  const fs::path dir = LOCALMAP_PG_CLUSTER_DIR;
  std::ifstream in(dir / "connection");
  if (!in) {
    std::string reason = testing_support::read_text(dir / "unavailable");
    while (!reason.empty() && reason.back() == '\n') reason.pop_back();
    if (why)
      *why = reason.empty() ? "no cluster at " + dir.string() + " (run the tests through ctest, which starts it)" : reason;
    return std::nullopt;
  }
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) values[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return Cluster{values["host"],     values["port"],        values["dbname"],         values["user"],
                 values["password"], values["reader_user"], values["reader_password"], values["plain_dbname"]};
}

std::string test_schema() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string name = std::string(info->test_suite_name()) + "_" + info->name();
  std::string out;
  for (char c : name) {
    if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out += c;
    else out += '_';
  }
  return out.substr(0, 60);
}

std::string fresh_schema(const Cluster& cluster) {
  const std::string schema = test_schema();
  Db(cluster.conninfo()).exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  return schema;
}

Db::Db(const std::string& conninfo) : conn_(PQconnectdb(conninfo.c_str())) {
  if (PQstatus(conn_) != CONNECTION_OK) {
    const std::string why = PQerrorMessage(conn_);
    PQfinish(conn_);
    throw std::runtime_error("test connection failed: " + why);
  }
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

Db::~Db() { PQfinish(conn_); }

void Db::exec(const std::string& sql) { rows(sql); }

std::vector<std::vector<std::string>> Db::rows(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const ExecStatusType status = PQresultStatus(r);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    const std::string why = PQerrorMessage(conn_);
    PQclear(r);
    throw std::runtime_error("SQL failed: " + why + "in: " + sql);
  }
  std::vector<std::vector<std::string>> out;
  for (int i = 0; i < PQntuples(r); ++i) {
    std::vector<std::string> row;
    for (int j = 0; j < PQnfields(r); ++j) row.emplace_back(PQgetisnull(r, i, j) ? "<null>" : PQgetvalue(r, i, j));
    out.push_back(std::move(row));
  }
  PQclear(r);
  return out;
}

std::string Db::value(const std::string& sql) {
  const auto r = rows(sql);
  return r.empty() || r[0].empty() ? std::string() : r[0][0];
}

int Db::pid() { return PQbackendPID(conn_); }

std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += "'\\''";
    else out += c;
  }
  return out + "'";
}

testing_support::CommandResult localmap(const std::string& arguments, const std::string& environment) {
  return testing_support::run_command(environment + std::string(LOCALMAP_CLI) + " " + arguments);
}

BackgroundRun::BackgroundRun(const std::string& arguments, const std::string& environment) {
  static int counter = 0;
  const fs::path dir = fs::path(LOCALMAP_BINARY_DIR) / "test-scratch";
  fs::create_directories(dir);
  base_ = (dir / ("bg-" + std::to_string(::getpid()) + "-" + std::to_string(counter++))).string();
  const std::string command =
      environment + std::string(LOCALMAP_CLI) + " " + arguments + " >" + base_ + ".out 2>" + base_ + ".err";
  pid_ = ::fork();
  if (pid_ == 0) {
    ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  if (pid_ < 0) throw std::runtime_error("fork failed");
}

BackgroundRun::~BackgroundRun() {
  if (!result_ && pid_ > 0) wait();
}

bool BackgroundRun::finished() {
  if (result_) return true;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) != pid_) return false;
  result_ = testing_support::CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                                           testing_support::read_text(base_ + ".out"),
                                           testing_support::read_text(base_ + ".err")};
  return true;
}

testing_support::CommandResult BackgroundRun::wait() {
  if (!result_) {
    int status = 0;
    ::waitpid(pid_, &status, 0);
    result_ = testing_support::CommandResult{WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                                             testing_support::read_text(base_ + ".out"),
                                             testing_support::read_text(base_ + ".err")};
  }
  fs::remove(base_ + ".out");
  fs::remove(base_ + ".err");
  return *result_;
}

std::string poll(Db& db, const std::string& sql, double timeout_s) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
  while (std::chrono::steady_clock::now() < until) {
    const std::string v = db.value(sql);
    if (!v.empty() && v != "<null>") return v;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return {};
}

void load_with_ogr2ogr(const Cluster& c, const std::string& file, const std::string& schema, const std::string& table,
                       const std::string& extra_options) {
  Db(c.conninfo()).exec("CREATE SCHEMA IF NOT EXISTS " + schema);
  const auto r = testing_support::run_command("ogr2ogr -f PostgreSQL " + shell_quote(c.pg()) + " " + shell_quote(file) +
                                              " -nln " + schema + "." + table + " -overwrite " + extra_options);
  if (r.status != 0) throw std::runtime_error("ogr2ogr failed: " + r.err);
}

}  // namespace pg_test
