#include <ostream>
#include <signal.h>

#include "cli/commands.h"
#include "register/register_agent.h"

namespace kasse::cli {

int RunRegister(const reg::RegisterAgentConfig& config, std::ostream& out, std::ostream& err) {
  // Block the stop signals before any thread starts, so only sigwait below sees them.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  reg::RegisterAgent agent(config);
  Status started = agent.Start();
  if (!started.ok()) {
    err << "kasse register: " << started.ToString() << "\n";
    return 1;
  }
  out << "register " << config.register_id.value() << " ready\n"
      << "  cashier API  " << agent.api_url() << "/api/status\n"
      << "  data         " << config.data_dir << "\n"
      << "  server       " << (config.server_url.empty() ? "(none: the journal waits)" : config.server_url) << "\n"
      << "  signing unit software, NOT CERTIFIED" << (config.simulate_tse_outage ? " (simulated outage)" : "") << "\n"
      << "Ctrl-C stops it; the next start continues from the same data.\n"
      << std::flush;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  out << "stopping register " << config.register_id.value() << "\n" << std::flush;
  agent.Stop();
  return 0;
}

}  // namespace kasse::cli
