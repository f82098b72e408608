#include "server/testing/server_process.h"

#include <chrono>
#include <fcntl.h>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include "http/client.h"
#include "ops/json_log.h"

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere in a header

namespace kasse::server::testing {
namespace {

constexpr int kStartAttempts = 1'500;  // of kPause each: 30 s
constexpr std::chrono::milliseconds kPause{20};
constexpr std::string_view kReady = "server ready at http://";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The child's side, between fork and exec: only async-signal-safe calls.
[[noreturn]] void ExecServer(const std::vector<char*>& argv, int out_fd, int err_fd, pid_t parent) {
  if (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != parent) _exit(126);
  if (dup2(out_fd, STDOUT_FILENO) < 0 || dup2(err_fd, STDERR_FILENO) < 0) _exit(126);
  close_range(3, ~0U, 0);  // the test's sockets and files stay the test's
  execve(argv[0], argv.data(), environ);
  _exit(127);
}

}  // namespace

Result<std::unique_ptr<ServerProcess>> ServerProcess::Start(const std::filesystem::path& binary,
                                                            const ServerConfig& config,
                                                            const std::filesystem::path& dir) {
  static int started = 0;
  std::string name = "server-" + std::to_string(++started);
  std::filesystem::path out = dir / (name + ".out");
  std::filesystem::path err = dir / (name + ".log");
  std::vector<std::string> args = {binary.string(),
                                   "server",
                                   "--db",
                                   config.db,
                                   "--listen",
                                   config.listen,
                                   "--threads",
                                   std::to_string(config.threads),
                                   "--db-connections",
                                   std::to_string(config.db_connections),
                                   "--log-level",
                                   std::string(ops::LogLevelName(config.log_level))};
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  int out_fd = open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (out_fd < 0 || err_fd < 0) return Status::Internal("cannot create the server's output files in " + dir.string());
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) ExecServer(argv, out_fd, err_fd, parent);
  close(out_fd);
  close(err_fd);
  if (pid < 0) return Status::Internal("fork failed");
  std::unique_ptr<ServerProcess> process(new ServerProcess(pid, out, err));

  for (int i = 0; i < kStartAttempts && process->port_ == 0; ++i) {
    std::string printed = ReadFile(out);
    size_t ready = printed.find(kReady);
    size_t colon = ready == std::string::npos ? ready : printed.find(':', ready + kReady.size());
    if (colon != std::string::npos) {
      process->port_ = static_cast<uint16_t>(std::stoi(printed.substr(colon + 1)));
      break;
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) {
      process->pid_ = -1;
      return Status::Unavailable("the server exited: " + process->log());
    }
    std::this_thread::sleep_for(kPause);
  }
  if (process->port_ == 0) return Status::Unavailable("the server did not start: " + process->log());
  http::HttpClient probe("127.0.0.1", process->port_);
  for (int i = 0; i < kStartAttempts; ++i) {
    Result<http::HttpResponse> ready = probe.Send("GET", "/readyz", "");
    if (ready.ok() && ready->status == 200) return process;
    std::this_thread::sleep_for(kPause);
  }
  return Status::Unavailable("the server did not become ready: " + process->log());
}

ServerProcess::~ServerProcess() { Kill(); }

void ServerProcess::Kill() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

std::string ServerProcess::log() const { return ReadFile(out_) + ReadFile(err_); }

}  // namespace kasse::server::testing
