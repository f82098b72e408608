// Server memory with kRegisters registers connected (issue 4).
//
// A `kasse server` child process on SQLite (a temporary directory on the real
// disk, default settings: 4 HTTP threads, 8 database connections). Its resident
// set (VmRSS in /proc/<pid>/status) is read when it has started, and again once
// kRegisters registers have each been enrolled, uploaded a journal of
// kEntriesPerRegister signed entries (shift, opening float, sales) and are
// holding their keep-alive connection open; the open sockets are counted in
// /proc/<pid>/fd. The difference per register is what a connected register costs,
// its connection and its share of the database cache together.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <signal.h>
#include <stdexcept>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_support.h"
#include "base/temp_dir.h"
#include "http/client.h"
#include "loadgen/enrollment.h"
#include "loadgen/journal_uploader.h"
#include "loadgen/simulated_register.h"

namespace kasse::bench {
namespace {

constexpr size_t kRegisters = 1000;
constexpr size_t kEntriesPerRegister = 5;
constexpr std::chrono::seconds kSettle{2};

// `kasse server` as a child process, with its URL and admin token from stdout.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db) {
    int out[2];
    if (pipe(out) != 0) throw std::runtime_error("pipe");
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      execl(KASSE_BINARY, "kasse", "server", "--db", db.c_str(), "--listen", "127.0.0.1:0", "--log-level", "error",
            static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* stream = fdopen(out[0], "r");
    char line[512];
    bool token_next = false;
    while ((url_.empty() || token_.empty()) && std::fgets(line, sizeof line, stream) != nullptr) {
      std::string text(line);
      if (text.starts_with("server ready at ")) url_ = text.substr(16, text.find(' ', 16) - 16);
      if (token_next) token_ = text.substr(text.find_first_not_of(' '), text.find('\n') - text.find_first_not_of(' '));
      token_next = text.starts_with("admin token");
    }
    stdout_ = stream;
    if (url_.empty() || token_.empty()) throw std::runtime_error("kasse server did not start");
  }
  ~ServerProcess() {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    std::fclose(stdout_);  // NOLINT(cppcoreguidelines-owning-memory): the pipe from fdopen, closed once here
  }

  const std::string& url() const { return url_; }
  const std::string& admin_token() const { return token_; }

  // A field of /proc/<pid>/status in KiB (VmRSS, VmHWM).
  double StatusKib(const std::string& field) const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(status, line)) {
      if (line.starts_with(field + ":")) return std::stod(line.substr(field.size() + 1));
    }
    return 0;
  }
  size_t Sockets() const {
    size_t n = 0;
    for (const auto& fd : std::filesystem::directory_iterator("/proc/" + std::to_string(pid_) + "/fd")) {
      std::error_code error;
      n += std::filesystem::read_symlink(fd.path(), error).string().starts_with("socket:") ? size_t{1} : size_t{0};
    }
    return n;
  }

 private:
  pid_t pid_ = -1;
  FILE* stdout_ = nullptr;
  std::string url_;
  std::string token_;
};

void MemoryAt1000Registers(benchmark::State& state) {
  for (auto _ : state) {
    std::vector<std::vector<std::string>> journals(kRegisters);
    std::vector<RegisterId> ids;
    for (size_t i = 0; i < kRegisters; ++i) ids.emplace_back("K-" + std::to_string(3000 + i) + "-01");
    {
      std::vector<std::jthread> threads;
      for (size_t t = 0; t < 2; ++t) {
        threads.emplace_back([&, t] {
          for (size_t i = t; i < kRegisters; i += 2) {
            journals[i] = std::move(loadgen::GenerateJournal(ids[i], kEntriesPerRegister, i + 1)).value();
          }
        });
      }
    }
    TempDir dir;
    ServerProcess server(dir.File("server.db"));
    std::this_thread::sleep_for(kSettle);
    double idle_kib = server.StatusKib("VmRSS");
    http::Url url = *http::ParseUrl(server.url());
    http::HttpClient admin(url.host, url.port);
    std::vector<std::unique_ptr<loadgen::JournalUploader>> registers;
    size_t acked = 0;
    for (size_t i = 0; i < kRegisters; ++i) {
      Result<std::string> token = loadgen::EnrollRegister(admin, "", server.admin_token(), ids[i], "BENCH", "bench");
      Check(token.status(), "enroll");
      registers.push_back(std::make_unique<loadgen::JournalUploader>(url, ids[i], *token, std::move(journals[i]),
                                                                     std::chrono::milliseconds(30'000)));
      Result<loadgen::BatchOutcome> sent = registers.back()->SendNext(kEntriesPerRegister);
      Check(sent.status(), "upload");
      acked += static_cast<size_t>(sent->newly_acknowledged);
    }
    std::this_thread::sleep_for(kSettle);
    double connected_kib = server.StatusKib("VmRSS");
    size_t sockets = server.Sockets();
    double per_register = (connected_kib - idle_kib) / kRegisters;
    std::fprintf(stderr,
                 "\nserver memory (kasse server, SQLite): idle after start %.1f MiB; with %zu registers connected "
                 "(%zu sockets open, %zu entries stored) %.1f MiB (peak %.1f MiB); %.1f KiB per register\n\n",
                 idle_kib / 1024, kRegisters, sockets, acked, connected_kib / 1024, server.StatusKib("VmHWM") / 1024,
                 per_register);
    state.counters["idle_mib"] = idle_kib / 1024;
    state.counters["connected_mib"] = connected_kib / 1024;
    state.counters["kib_per_register"] = per_register;
  }
}

BENCHMARK(MemoryAt1000Registers)->Name("BM_ServerMemory1000Registers")->Iterations(1)->Unit(benchmark::kSecond);

}  // namespace
}  // namespace kasse::bench

BENCHMARK_MAIN();
