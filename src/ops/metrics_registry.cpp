#include "ops/metrics_registry.h"

#include <array>
#include <charconv>
#include <cmath>
#include <set>
#include <stdexcept>
#include <variant>

namespace kasse::ops {
namespace {

bool IsNameChar(char c, bool first, bool allow_colon) {
  bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  bool digit = c >= '0' && c <= '9';
  return letter || (!first && digit) || (allow_colon && c == ':');
}

bool IsValidName(std::string_view name, bool allow_colon) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsNameChar(name[i], i == 0, allow_colon)) return false;
  }
  return true;
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  std::array<char, 32> buffer{};
  auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), end);
}

void AppendEscaped(std::string& out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' && escape_quote) {
      out += "\\\"";
    } else {
      out += c;
    }
  }
}

// `{a="x",b="y"}` plus an optional `le`, or nothing when there are no labels.
std::string LabelSet(const std::vector<std::string>& names, const std::vector<std::string>& values,
                     const std::string* le = nullptr) {
  if (names.empty() && le == nullptr) return "";
  std::string out = "{";
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ',';
    out += names[i] + "=\"";
    AppendEscaped(out, values[i], true);
    out += '"';
  }
  if (le != nullptr) out += (names.empty() ? "le=\"" : ",le=\"") + *le + '"';
  return out + '}';
}

void AppendSample(std::string& out, const std::string& name, const std::string& labels, const std::string& value) {
  out += name;
  out += labels;
  out += ' ';
  out += value;
  out += '\n';
}

void AppendHeader(std::string& out, const std::string& name, const std::string& help, std::string_view type) {
  out += "# HELP " + name + ' ';
  AppendEscaped(out, help, false);
  out += "\n# TYPE " + name + ' ';
  out += type;
  out += '\n';
}

void RenderFamily(std::string& out, const CounterFamily& family) {
  AppendHeader(out, family.name(), family.help(), "counter");
  family.ForEach([&](const std::vector<std::string>& values, const Counter& counter) {
    AppendSample(out, family.name(), LabelSet(family.label_names(), values), std::to_string(counter.value()));
  });
}

void RenderFamily(std::string& out, const GaugeFamily& family) {
  AppendHeader(out, family.name(), family.help(), "gauge");
  family.ForEach([&](const std::vector<std::string>& values, const Gauge& gauge) {
    AppendSample(out, family.name(), LabelSet(family.label_names(), values), std::to_string(gauge.value()));
  });
}

void RenderFamily(std::string& out, const HistogramFamily& family) {
  AppendHeader(out, family.name(), family.help(), "histogram");
  const std::vector<std::string>& names = family.label_names();
  family.ForEach([&](const std::vector<std::string>& values, const Histogram& histogram) {
    Histogram::Snapshot snapshot = histogram.Read();
    for (size_t i = 0; i < snapshot.cumulative.size(); ++i) {
      std::string le = i < histogram.bounds().size() ? FormatDouble(histogram.bounds()[i]) : "+Inf";
      AppendSample(out, family.name() + "_bucket", LabelSet(names, values, &le),
                   std::to_string(snapshot.cumulative[i]));
    }
    std::string labels = LabelSet(names, values);
    AppendSample(out, family.name() + "_sum", labels, FormatDouble(snapshot.sum));
    AppendSample(out, family.name() + "_count", labels, std::to_string(snapshot.count));
  });
}

}  // namespace

class MetricsRegistry::Entry {
 public:
  template <typename Family>
  explicit Entry(std::unique_ptr<Family> family) : family_(std::move(family)) {}

  const std::string& name() const {
    return std::visit([](const auto& family) -> const std::string& { return family->name(); }, family_);
  }
  void Render(std::string& out) const {
    std::visit([&out](const auto& family) { RenderFamily(out, *family); }, family_);
  }

 private:
  std::variant<std::unique_ptr<CounterFamily>, std::unique_ptr<GaugeFamily>, std::unique_ptr<HistogramFamily>> family_;
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

void MetricsRegistry::CheckNames(const std::string& name, const std::vector<std::string>& label_names,
                                 bool histogram) const {
  if (!IsValidName(name, true)) throw std::invalid_argument("invalid metric name \"" + name + "\"");
  for (const std::unique_ptr<Entry>& entry : entries_) {
    if (entry->name() == name) throw std::invalid_argument("metric " + name + " is registered twice");
  }
  std::set<std::string_view> seen;
  for (const std::string& label : label_names) {
    bool reserved = label.starts_with("__") || (histogram && label == "le");
    if (!IsValidName(label, false) || reserved) {
      std::string message = "invalid label name \"" + label;
      message += "\" for metric " + name;
      throw std::invalid_argument(message);
    }
    if (!seen.insert(label).second) {
      std::string message = "label " + label;
      message += " repeated for metric " + name;
      throw std::invalid_argument(message);
    }
  }
}

CounterFamily& MetricsRegistry::AddCounter(std::string name, std::string help, std::vector<std::string> label_names) {
  std::lock_guard lock(families_mutex_);
  CheckNames(name, label_names, false);
  auto family = std::make_unique<CounterFamily>(std::move(name), std::move(help), std::move(label_names),
                                                [] { return std::make_unique<Counter>(); });
  CounterFamily& added = *family;
  entries_.push_back(std::make_unique<Entry>(std::move(family)));
  return added;
}

GaugeFamily& MetricsRegistry::AddGauge(std::string name, std::string help, std::vector<std::string> label_names) {
  std::lock_guard lock(families_mutex_);
  CheckNames(name, label_names, false);
  auto family = std::make_unique<GaugeFamily>(std::move(name), std::move(help), std::move(label_names),
                                              [] { return std::make_unique<Gauge>(); });
  GaugeFamily& added = *family;
  entries_.push_back(std::make_unique<Entry>(std::move(family)));
  return added;
}

HistogramFamily& MetricsRegistry::AddHistogram(std::string name, std::string help, std::vector<double> bounds,
                                               std::vector<std::string> label_names) {
  std::lock_guard lock(families_mutex_);
  CheckNames(name, label_names, true);
  CheckHistogramBounds(bounds);
  auto family =
      std::make_unique<HistogramFamily>(std::move(name), std::move(help), std::move(label_names),
                                        [bounds = std::move(bounds)] { return std::make_unique<Histogram>(bounds); });
  HistogramFamily& added = *family;
  entries_.push_back(std::make_unique<Entry>(std::move(family)));
  return added;
}

void MetricsRegistry::AddCollector(std::function<void()> collector) {
  std::lock_guard lock(families_mutex_);
  collectors_.push_back(std::move(collector));
}

std::string MetricsRegistry::Render() {
  std::lock_guard render_lock(render_mutex_);
  std::vector<std::function<void()>> collectors;
  std::vector<const Entry*> entries;
  {
    std::lock_guard lock(families_mutex_);
    collectors = collectors_;
  }
  for (const std::function<void()>& collect : collectors) collect();
  {
    std::lock_guard lock(families_mutex_);
    for (const std::unique_ptr<Entry>& entry : entries_) entries.push_back(entry.get());
  }
  std::string out;
  for (const Entry* entry : entries) entry->Render(out);
  return out;
}

}  // namespace kasse::ops
