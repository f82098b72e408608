#include <ostream>
#include <signal.h>

#include "cli/commands.h"
#include "server/server_app.h"

namespace kasse::cli {

int RunServer(const server::ServerConfig& config, std::ostream& out, std::ostream& err) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  server::ServerApp app(config);
  Result<std::optional<std::string>> admin = app.Start();
  if (!admin.ok()) {
    err << "kasse server: " << admin.status().ToString() << "\n";
    return 1;
  }
  out << "server ready at " << app.url() << " (database " << config.db << ")\n";
  if (admin->has_value()) {
    out << "admin token (shown this once; only its hash is stored):\n  " << **admin << "\n"
        << "make an enrollment code for a register:\n"
        << "  curl -X POST " << app.url() << "/api/v1/enrollments -H 'Authorization: Bearer <admin token>' "
        << "-d '{\"register_id\":\"K-0101-01\"}'\n";
  }
  out << "Ctrl-C stops it.\n" << std::flush;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  out << "stopping server\n" << std::flush;
  app.Stop();
  return 0;
}

}  // namespace kasse::cli
