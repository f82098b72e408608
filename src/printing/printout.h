// Printout: a document laid out for an 80 mm receipt printer, 42 columns wide.
//
// Layouts (receipt_layout.h, cash_movement_layout.h, z_report_layout.h) add
// lines to a Printout; ToText() gives the plain text and EncodeEscPos()
// (escpos.h) the printer bytes, so both always show the same lines.
//
// The width is an invariant of the type: every line holds at most kColumns code
// points (a printer column per code point, umlauts included). Text is sanitised
// on the way in (invalid UTF-8, control and bidi characters become '?', see
// detail/utf8_text.h), so hostile article texts can neither break the layout nor
// smuggle printer commands. Lines carry no trailing spaces.
//
// Thread-safety: a value type.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kasse::printing {

enum class LineStyle {
  kNormal,
  kBold,
  kTotal,   // bold and double height: the total to pay
  kQrCode,  // `text` is the QR code's content; printed as a symbol, left out of ToText()
};

struct PrintLine {
  LineStyle style = LineStyle::kNormal;
  std::string text;
};

class Printout {
 public:
  static constexpr size_t kColumns = 42;

  // One line; text wider than kColumns is wrapped at spaces (long words broken).
  void Add(std::string_view text, LineStyle style = LineStyle::kNormal);
  // Word-wrapped, each resulting line centred.
  void AddCentered(std::string_view text, LineStyle style = LineStyle::kNormal);
  // `left` flush left and `right` flush right on one line if both fit with a
  // space between; otherwise `left` wrapped, then `right` right-aligned below.
  void AddLeftRight(std::string_view left, std::string_view right, LineStyle style = LineStyle::kNormal);
  // A label line ("Signatur:") followed by `value` broken into full-width pieces,
  // for long tokens such as base64 signatures and hex serial numbers.
  void AddLabelledBlock(std::string_view label, std::string_view value);
  void AddRule(char fill = '-');
  void AddBlank();
  void AddQrCode(std::string_view content);

  const std::vector<PrintLine>& lines() const { return lines_; }

  // Each text line followed by '\n'; QR codes are left out.
  std::string ToText() const;

 private:
  void Push(std::string text, LineStyle style);

  std::vector<PrintLine> lines_;
};

}  // namespace kasse::printing
