// Test support: a real `kasse server` process (the project's binary, started
// with fork + exec), for the tests that kill a server with SIGKILL or run two
// servers over one database.
//
// Start() passes the config as flags, waits for the "server ready at …" line and
// for /readyz to answer 200. `listen` may ask for any free port ("127.0.0.1:0");
// port() is the one the server got. The server's output and JSON log go to files
// in a directory of the test's (log() reads them, e.g. for a failure message).
// The child dies with the test process (PR_SET_PDEATHSIG), so a crashed test
// leaves no server behind.
//
// Thread-safety: owned by one test thread; Start() may run while other threads
// of the test work (exec leaves nothing of the test's state in the server).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <sys/types.h>

#include "base/result.h"
#include "server/server_config.h"

namespace kasse::server::testing {

class ServerProcess {
 public:
  // `binary`: the kasse executable; `dir`: where the output files go (it must exist).
  static Result<std::unique_ptr<ServerProcess>> Start(const std::filesystem::path& binary, const ServerConfig& config,
                                                      const std::filesystem::path& dir);
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess();  // Kill()

  // SIGKILL, then reaps the child: no shutdown code runs, as in a crash.
  void Kill();
  uint16_t port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // What the server printed and logged so far.
  std::string log() const;

 private:
  ServerProcess(pid_t pid, std::filesystem::path out, std::filesystem::path err)
      : pid_(pid), out_(std::move(out)), err_(std::move(err)) {}

  pid_t pid_;
  uint16_t port_ = 0;
  std::filesystem::path out_;  // stdout: "server ready at …"
  std::filesystem::path err_;  // stderr: the JSON log
};

}  // namespace kasse::server::testing
