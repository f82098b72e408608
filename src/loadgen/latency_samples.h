// LatencySamples: durations in milliseconds and their nearest-rank percentiles,
// for the load generator's report and the server benchmarks.
//
// Thread-safety: a value; one thread at a time. Merge() joins per-thread samples.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <vector>

namespace kasse::loadgen {

class LatencySamples {
 public:
  void Add(double millis) { millis_.push_back(millis); }
  void Merge(const LatencySamples& other) { millis_.insert(millis_.end(), other.millis_.begin(), other.millis_.end()); }
  size_t size() const { return millis_.size(); }

  // The smallest sample with at least `quantile` of all samples at or below it; 0 when empty.
  double Percentile(double quantile) const {
    if (millis_.empty()) return 0;
    std::vector<double> sorted = millis_;
    std::sort(sorted.begin(), sorted.end());
    auto rank = static_cast<size_t>(std::ceil(quantile * static_cast<double>(sorted.size())));
    return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
  }
  double Max() const { return millis_.empty() ? 0 : *std::max_element(millis_.begin(), millis_.end()); }

 private:
  std::vector<double> millis_;
};

}  // namespace kasse::loadgen
