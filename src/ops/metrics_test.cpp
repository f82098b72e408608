#include "ops/metrics.h"

#include <cmath>
#include <limits>
#include <thread>

#include <gtest/gtest.h>

namespace kasse::ops {
namespace {

CounterFamily MakeCounterFamily(std::vector<std::string> label_names) {
  return CounterFamily("c", "", std::move(label_names), [] { return std::make_unique<Counter>(); });
}

TEST(HistogramTest, BoundsThatAreNotStrictlyIncreasingAndFiniteAreRefused) {
  EXPECT_THROW(Histogram({0.1, 0.1}), std::invalid_argument);
  EXPECT_THROW(Histogram({0.5, 0.1}), std::invalid_argument);
  EXPECT_THROW(Histogram({0.1, std::numeric_limits<double>::infinity()}), std::invalid_argument);
  EXPECT_THROW(Histogram({std::nan("")}), std::invalid_argument);
  EXPECT_NO_THROW(Histogram({}));
}

TEST(FamilyTest, WrongNumberOfLabelValuesIsAProgrammingError) {
  CounterFamily family = MakeCounterFamily({"register"});
  EXPECT_THROW(family.WithLabels({}), std::invalid_argument);
  EXPECT_THROW(family.WithLabels({"K-1", "extra"}), std::invalid_argument);
}

TEST(HistogramTest, AnObservationOnABoundCountsInThatBucket) {
  Histogram histogram({0.1, 0.5, 1});
  histogram.Observe(0.1);  // le="0.1"
  histogram.Observe(0.3);  // le="0.5"
  histogram.Observe(2);    // +Inf only
  histogram.Observe(-1);   // le="0.1"
  Histogram::Snapshot snapshot = histogram.Read();
  EXPECT_EQ(snapshot.cumulative, (std::vector<uint64_t>{2, 3, 3, 4}));
  EXPECT_EQ(snapshot.count, 4u);
  EXPECT_DOUBLE_EQ(snapshot.sum, 1.4);
}

TEST(HistogramTest, NaNCountsOnlyInTheInfBucket) {
  Histogram histogram({1});
  histogram.Observe(std::nan(""));
  EXPECT_EQ(histogram.Read().cumulative, (std::vector<uint64_t>{0, 1}));
}

TEST(FamilyTest, TheSameLabelValuesGiveTheSameChild) {
  CounterFamily family = MakeCounterFamily({"register"});
  Counter& first = family.WithLabels({"K-1"});
  first.Increment();
  EXPECT_EQ(&family.WithLabels({"K-1"}), &first);
  EXPECT_NE(&family.WithLabels({"K-2"}), &first);
  EXPECT_EQ(family.WithLabels({"K-1"}).value(), 1u);
}

TEST(FamilyTest, AFamilyWithoutLabelsHasItsChildFromTheStart) {
  CounterFamily family = MakeCounterFamily({});
  int children = 0;
  family.ForEach([&](const std::vector<std::string>&, const Counter&) { ++children; });
  EXPECT_EQ(children, 1);
}

TEST(GaugeTest, SetsAndMovesBothWays) {
  Gauge gauge;
  gauge.Set(10);
  gauge.Add(-15);
  EXPECT_EQ(gauge.value(), -5);
}

TEST(MetricsConcurrencyTest, IncrementsFromFourThreadsAllCount) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100000;
  CounterFamily family = MakeCounterFamily({"register"});
  Gauge gauge;
  Histogram histogram({0.5});
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        family.WithLabels({i % 2 == 0 ? "K-1" : "K-" + std::to_string(t)}).Increment();
        gauge.Add(1);
        histogram.Observe(0.25);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  uint64_t total = 0;
  family.ForEach([&](const std::vector<std::string>&, const Counter& counter) { total += counter.value(); });
  EXPECT_EQ(total, uint64_t{kThreads} * kPerThread);
  EXPECT_EQ(gauge.value(), int64_t{kThreads} * kPerThread);
  Histogram::Snapshot snapshot = histogram.Read();
  EXPECT_EQ(snapshot.count, uint64_t{kThreads} * kPerThread);
  EXPECT_DOUBLE_EQ(snapshot.sum, 0.25 * kThreads * kPerThread);
}

}  // namespace
}  // namespace kasse::ops
