// Counter, Gauge, Histogram: the three Prometheus metric kinds the server exports,
// and Family<M>, one metric name with a fixed list of label names whose children
// (one per combination of label values) are created on first use.
//
//   CounterFamily& batches = registry.AddCounter("kasse_batches_total", "Batches ingested.", {"register"});
//   batches.WithLabels({"K-0101-01"}).Increment();
//
// Families are made by MetricsRegistry (metrics_registry.h), which renders them. A
// child lives as long as its family; callers on a hot path may keep the reference
// WithLabels returns. Counts are integers (uint64 counters, int64 gauges); only a
// histogram observes a double, a latency in seconds, never money.
//
// A wrong number of label values or bad histogram bounds are programming errors
// and throw std::invalid_argument.
//
// Thread-safety: every method may be called from any thread. Updating a child is
// lock-free (relaxed atomics); WithLabels takes a shared lock, and an exclusive one
// only to create a child.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace kasse::ops {

// A count that only goes up (requests served, batches ingested).
class Counter {
 public:
  void Increment() { Add(1); }
  void Add(uint64_t n) { value_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

// A value that goes up and down (open connections, a register's sync lag).
class Gauge {
 public:
  void Set(int64_t value) { value_.store(value, std::memory_order_relaxed); }
  void Add(int64_t delta) { value_.fetch_add(delta, std::memory_order_relaxed); }
  int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> value_{0};
};

// Observations sorted into buckets with fixed upper bounds (seconds), plus their
// sum and count. Bounds are finite and strictly increasing; +Inf is implicit.
class Histogram {
 public:
  struct Snapshot {
    std::vector<uint64_t> cumulative;  // per bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
  };

  explicit Histogram(std::vector<double> bounds);

  void Observe(double seconds);
  const std::vector<double>& bounds() const { return bounds_; }
  // Buckets read one by one while others observe: the count is taken from the
  // buckets so that +Inf always equals it; the sum may include an observation more.
  Snapshot Read() const;

 private:
  std::vector<double> bounds_;
  std::vector<std::atomic<uint64_t>> buckets_;  // not cumulative; the last is +Inf
  std::atomic<double> sum_{0.0};
};

// Throws std::invalid_argument unless bounds are finite and strictly increasing.
void CheckHistogramBounds(const std::vector<double>& bounds);

template <typename Metric>
class Family {
 public:
  using LabelValues = std::vector<std::string>;

  // Made by MetricsRegistry, which checks the names; make_child creates a child.
  Family(std::string name, std::string help, std::vector<std::string> label_names,
         std::function<std::unique_ptr<Metric>()> make_child)
      : name_(std::move(name)),
        help_(std::move(help)),
        label_names_(std::move(label_names)),
        make_child_(std::move(make_child)) {
    if (label_names_.empty()) Get();  // exported as 0 from the start
  }
  Family(const Family&) = delete;
  Family& operator=(const Family&) = delete;

  const std::string& name() const { return name_; }
  const std::string& help() const { return help_; }
  const std::vector<std::string>& label_names() const { return label_names_; }

  // The child for these label values (one per label name, in order), created on first use.
  Metric& WithLabels(const LabelValues& values) {
    if (values.size() != label_names_.size()) {
      std::string message = "metric " + name_;
      message += " takes " + std::to_string(label_names_.size()) + " label values, got ";
      message += std::to_string(values.size());
      throw std::invalid_argument{message};
    }
    {
      std::shared_lock lock(mutex_);
      auto found = children_.find(values);
      if (found != children_.end()) return *found->second;
    }
    std::unique_lock lock(mutex_);
    auto [it, inserted] = children_.try_emplace(values);
    if (inserted) it->second = make_child_();
    return *it->second;
  }

  // The one child of a family without labels.
  Metric& Get() { return WithLabels({}); }

  // Calls visit(label values, child) for each child, in order of label values.
  void ForEach(const std::function<void(const LabelValues&, const Metric&)>& visit) const {
    std::shared_lock lock(mutex_);
    for (const auto& [values, child] : children_) visit(values, *child);
  }

 private:
  const std::string name_;
  const std::string help_;
  const std::vector<std::string> label_names_;
  const std::function<std::unique_ptr<Metric>()> make_child_;
  mutable std::shared_mutex mutex_;
  std::map<LabelValues, std::unique_ptr<Metric>> children_;
};

using CounterFamily = Family<Counter>;
using GaugeFamily = Family<Gauge>;
using HistogramFamily = Family<Histogram>;

}  // namespace kasse::ops
