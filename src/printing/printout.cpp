#include "printing/printout.h"

#include "printing/detail/utf8_text.h"

namespace kasse::printing {
namespace {

std::string TrimRight(std::string text) {
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

}  // namespace

void Printout::Push(std::string text, LineStyle style) { lines_.push_back({style, TrimRight(std::move(text))}); }

void Printout::Add(std::string_view text, LineStyle style) {
  std::string clean = detail::SanitizeText(text);
  if (detail::DisplayWidth(clean) <= kColumns) {
    Push(std::move(clean), style);
    return;
  }
  for (std::string& line : detail::WrapText(clean, kColumns)) Push(std::move(line), style);
}

void Printout::AddCentered(std::string_view text, LineStyle style) {
  for (std::string& line : detail::WrapText(detail::SanitizeText(text), kColumns)) {
    size_t margin = (kColumns - detail::DisplayWidth(line)) / 2;
    Push(std::string(margin, ' ').append(line), style);
  }
}

void Printout::AddLeftRight(std::string_view left, std::string_view right, LineStyle style) {
  std::string clean_left = detail::SanitizeText(left);
  std::string clean_right = detail::SanitizeText(right);
  size_t left_width = detail::DisplayWidth(clean_left);
  size_t right_width = detail::DisplayWidth(clean_right);
  if (left_width + 1 + right_width <= kColumns) {
    Push(clean_left + std::string(kColumns - left_width - right_width, ' ') + clean_right, style);
    return;
  }
  Add(clean_left, style);
  Add(detail::AlignRight(clean_right, kColumns), style);
}

void Printout::AddLabelledBlock(std::string_view label, std::string_view value) {
  Add(label);
  std::string clean = detail::SanitizeText(value);
  std::string_view rest = clean;
  while (!rest.empty()) {
    std::string piece = detail::TakeColumns(rest, kColumns);
    rest.remove_prefix(piece.size());
    Push(std::move(piece), LineStyle::kNormal);
  }
}

void Printout::AddRule(char fill) { Push(std::string(kColumns, fill), LineStyle::kNormal); }

void Printout::AddBlank() { Push("", LineStyle::kNormal); }

void Printout::AddQrCode(std::string_view content) { lines_.push_back({LineStyle::kQrCode, std::string(content)}); }

std::string Printout::ToText() const {
  std::string text;
  for (const PrintLine& line : lines_) {
    if (line.style == LineStyle::kQrCode) continue;
    text.append(line.text).push_back('\n');
  }
  return text;
}

}  // namespace kasse::printing
