#include "ops/metrics_registry.h"

#include <thread>

#include <gtest/gtest.h>

namespace kasse::ops {
namespace {

TEST(MetricsRegistryTest, InvalidMetricNamesAreRefused) {
  MetricsRegistry registry;
  for (const char* name : {"", "1abc", "kasse-requests", "kasse requests", "kässe"}) {
    EXPECT_THROW(registry.AddCounter(name, "help"), std::invalid_argument) << name;
  }
  EXPECT_NO_THROW(registry.AddCounter("_kasse:requests_total1", "help"));
}

TEST(MetricsRegistryTest, InvalidReservedOrRepeatedLabelNamesAreRefused) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.AddGauge("g1", "", {"a:b"}), std::invalid_argument);
  EXPECT_THROW(registry.AddGauge("g2", "", {"__name"}), std::invalid_argument);
  EXPECT_THROW(registry.AddGauge("g3", "", {"register", "register"}), std::invalid_argument);
  EXPECT_THROW(registry.AddHistogram("h1", "", {1}, {"le"}), std::invalid_argument);
  EXPECT_NO_THROW(registry.AddGauge("g4", "", {"le"}));
}

TEST(MetricsRegistryTest, ANameRegisteredTwiceIsRefused) {
  MetricsRegistry registry;
  registry.AddCounter("kasse_requests_total", "help");
  EXPECT_THROW(registry.AddGauge("kasse_requests_total", "help"), std::invalid_argument);
}

TEST(MetricsRegistryTest, BadHistogramBoundsAreRefused) {
  MetricsRegistry registry;
  EXPECT_THROW(registry.AddHistogram("h", "", {1, 0.5}), std::invalid_argument);
}

TEST(MetricsRegistryTest, RendersACounterWithLabelsSortedByValue) {
  MetricsRegistry registry;
  CounterFamily& batches = registry.AddCounter("kasse_batches_total", "Batches ingested.", {"register", "result"});
  batches.WithLabels({"K-0101-02", "ok"}).Add(3);
  batches.WithLabels({"K-0101-01", "ok"}).Increment();
  batches.WithLabels({"K-0101-01", "gap"}).Increment();
  EXPECT_EQ(registry.Render(),
            "# HELP kasse_batches_total Batches ingested.\n"
            "# TYPE kasse_batches_total counter\n"
            "kasse_batches_total{register=\"K-0101-01\",result=\"gap\"} 1\n"
            "kasse_batches_total{register=\"K-0101-01\",result=\"ok\"} 1\n"
            "kasse_batches_total{register=\"K-0101-02\",result=\"ok\"} 3\n");
}

TEST(MetricsRegistryTest, RendersUnlabelledFamiliesInRegistrationOrderFromZero) {
  MetricsRegistry registry;
  registry.AddGauge("kasse_connections", "Open connections.").Get().Set(-2);
  registry.AddCounter("kasse_requests_total", "Requests.");
  EXPECT_EQ(registry.Render(),
            "# HELP kasse_connections Open connections.\n"
            "# TYPE kasse_connections gauge\n"
            "kasse_connections -2\n"
            "# HELP kasse_requests_total Requests.\n"
            "# TYPE kasse_requests_total counter\n"
            "kasse_requests_total 0\n");
}

TEST(MetricsRegistryTest, ALabelledFamilyWithoutChildrenRendersOnlyItsHeader) {
  MetricsRegistry registry;
  registry.AddGauge("kasse_lag", "Lag.", {"register"});
  EXPECT_EQ(registry.Render(), "# HELP kasse_lag Lag.\n# TYPE kasse_lag gauge\n");
}

TEST(MetricsRegistryTest, RendersAHistogramWithCumulativeBucketsSumAndCount) {
  MetricsRegistry registry;
  HistogramFamily& latency =
      registry.AddHistogram("kasse_ingest_seconds", "Time to ingest a batch.", {0.005, 0.1, 2.5}, {"register"});
  Histogram& k1 = latency.WithLabels({"K-1"});
  k1.Observe(0.001953125);
  k1.Observe(0.0625);
  k1.Observe(0.09375);
  k1.Observe(3);
  EXPECT_EQ(registry.Render(),
            "# HELP kasse_ingest_seconds Time to ingest a batch.\n"
            "# TYPE kasse_ingest_seconds histogram\n"
            "kasse_ingest_seconds_bucket{register=\"K-1\",le=\"0.005\"} 1\n"
            "kasse_ingest_seconds_bucket{register=\"K-1\",le=\"0.1\"} 3\n"
            "kasse_ingest_seconds_bucket{register=\"K-1\",le=\"2.5\"} 3\n"
            "kasse_ingest_seconds_bucket{register=\"K-1\",le=\"+Inf\"} 4\n"
            "kasse_ingest_seconds_sum{register=\"K-1\"} 3.158203125\n"
            "kasse_ingest_seconds_count{register=\"K-1\"} 4\n");
}

TEST(MetricsRegistryTest, RendersAnUnlabelledHistogramWithOnlyLe) {
  MetricsRegistry registry;
  registry.AddHistogram("kasse_http_seconds", "HTTP latency.", {1}).Get().Observe(0.5);
  EXPECT_EQ(registry.Render(),
            "# HELP kasse_http_seconds HTTP latency.\n"
            "# TYPE kasse_http_seconds histogram\n"
            "kasse_http_seconds_bucket{le=\"1\"} 1\n"
            "kasse_http_seconds_bucket{le=\"+Inf\"} 1\n"
            "kasse_http_seconds_sum 0.5\n"
            "kasse_http_seconds_count 1\n");
}

TEST(MetricsRegistryTest, EscapesLabelValuesAndHelp) {
  MetricsRegistry registry;
  registry.AddCounter("kasse_odd_total", "Back\\slash and\nnewline, \"quotes\" stay.", {"name"})
      .WithLabels({"a\\b \"c\"\nd"})
      .Increment();
  EXPECT_EQ(registry.Render(),
            "# HELP kasse_odd_total Back\\\\slash and\\nnewline, \"quotes\" stay.\n"
            "# TYPE kasse_odd_total counter\n"
            "kasse_odd_total{name=\"a\\\\b \\\"c\\\"\\nd\"} 1\n");
}

TEST(MetricsRegistryTest, CollectorsRunBeforeEachRender) {
  MetricsRegistry registry;
  GaugeFamily& lag = registry.AddGauge("kasse_register_lag_entries", "Entries not yet synced.", {"register"});
  int64_t from_database = 7;
  registry.AddCollector([&] { lag.WithLabels({"K-1"}).Set(from_database); });
  EXPECT_NE(registry.Render().find("kasse_register_lag_entries{register=\"K-1\"} 7\n"), std::string::npos);
  from_database = 0;
  EXPECT_NE(registry.Render().find("kasse_register_lag_entries{register=\"K-1\"} 0\n"), std::string::npos);
}

TEST(MetricsRegistryTest, RendersWhileOtherThreadsIncrement) {
  MetricsRegistry registry;
  CounterFamily& requests = registry.AddCounter("kasse_requests_total", "Requests.", {"route"});
  std::vector<std::thread> threads;
  threads.reserve(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20000; ++i) requests.WithLabels({"/r" + std::to_string((t + i) % 8)}).Increment();
    });
  }
  for (int i = 0; i < 20; ++i) EXPECT_FALSE(registry.Render().empty());
  for (std::thread& thread : threads) thread.join();
  uint64_t total = 0;
  requests.ForEach([&](const std::vector<std::string>&, const Counter& counter) { total += counter.value(); });
  EXPECT_EQ(total, 80000u);
}

}  // namespace
}  // namespace kasse::ops
