// MetricsRegistry: owns the server's metric families and renders them for
// `GET /metrics` in the Prometheus text exposition format, version 0.0.4.
//
//   MetricsRegistry registry;
//   HistogramFamily& latency = registry.AddHistogram("kasse_ingest_seconds", "Time to ingest a batch.",
//                                                    {0.005, 0.05, 0.5}, {"register"});
//   registry.AddCollector([&] { lag.WithLabels({"K-1"}).Set(LagFromDatabase("K-1")); });
//   response.body = registry.Render();  // Content-Type: MetricsRegistry::kContentType
//
// Families render in registration order, children in order of their label values.
// Each family gets "# HELP" (backslash and newline escaped) and "# TYPE"; label
// values escape backslash, double quote and newline; histograms write cumulative
// _bucket{le="..."} lines ending in le="+Inf", then _sum and _count.
//
// Metric names must match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*
// (not starting with "__", and not "le" for a histogram), each used once. A bad or
// repeated name is a programming error: Add* throws std::invalid_argument.
//
// Thread-safety: every method may be called from any thread. Render runs the
// collectors one render at a time, so a collector needs no lock of its own for
// state only it touches. A collector must not call Add* or Render.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ops/metrics.h"

namespace kasse::ops {

class MetricsRegistry {
 public:
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

  MetricsRegistry();
  ~MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;

  // The returned family lives as long as the registry.
  CounterFamily& AddCounter(std::string name, std::string help, std::vector<std::string> label_names = {});
  GaugeFamily& AddGauge(std::string name, std::string help, std::vector<std::string> label_names = {});
  // `bounds` in seconds, finite and strictly increasing; +Inf is added.
  HistogramFamily& AddHistogram(std::string name, std::string help, std::vector<double> bounds,
                                std::vector<std::string> label_names = {});

  // Runs before every Render, e.g. to set gauges computed from the database.
  void AddCollector(std::function<void()> collector);

  // Runs the collectors, then writes every family.
  std::string Render();

 private:
  class Entry;

  void CheckNames(const std::string& name, const std::vector<std::string>& label_names, bool histogram) const;

  std::mutex families_mutex_;  // guards entries_ and collectors_
  std::vector<std::unique_ptr<Entry>> entries_;
  std::vector<std::function<void()>> collectors_;
  std::mutex render_mutex_;  // one render (and collector run) at a time
};

}  // namespace kasse::ops
