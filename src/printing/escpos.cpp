#include "printing/escpos.h"

#include <initializer_list>

#include "printing/detail/cp858.h"

namespace kasse::printing {
namespace {

constexpr char kEsc = '\x1B';
constexpr char kGs = '\x1D';
constexpr char kLf = '\n';
constexpr uint8_t kQrSymbol = 49;  // cn: QR code
constexpr uint8_t kQrModel2 = 50;
constexpr uint8_t kQrData = 48;  // m of functions 180 and 181
constexpr uint8_t kDoubleHeight = 0x01;
constexpr uint8_t kPartialCutAfterFeed = 66;

void Put(std::string& out, std::initializer_list<uint8_t> bytes) {
  for (uint8_t byte : bytes) out.push_back(static_cast<char>(byte));
}

// GS ( k pL pH cn fn parameters… data, cn = 49 (QR code); pL + pH × 256 counts cn, fn,
// the parameters and the data.
void PutQrFunction(std::string& out, uint8_t fn, std::initializer_list<uint8_t> parameters,
                   std::string_view data = {}) {
  size_t length = 2 + parameters.size() + data.size();
  Put(out, {static_cast<uint8_t>(kGs), '(', 'k', static_cast<uint8_t>(length & 0xFF), static_cast<uint8_t>(length >> 8),
            kQrSymbol, fn});
  Put(out, parameters);
  out.append(data);
}

void PutQrCode(std::string& out, std::string_view data) {
  if (data.size() > kQrMaxBytesLevelL) return;
  uint8_t level = data.size() <= kQrMaxBytesLevelM ? kQrLevelM : kQrLevelL;
  Put(out, {static_cast<uint8_t>(kEsc), 'a', 1});
  PutQrFunction(out, 65, {kQrModel2, 0});   // function 165: select the model
  PutQrFunction(out, 67, {kQrModuleDots});  // function 167: module size in dots
  PutQrFunction(out, 69, {level});          // function 169: error correction level
  PutQrFunction(out, 80, {kQrData}, data);  // function 180: store the data
  PutQrFunction(out, 81, {kQrData});        // function 181: print the stored symbol
  Put(out, {static_cast<uint8_t>(kEsc), 'a', 0});
  out.push_back(kLf);
}

void PutLine(std::string& out, const PrintLine& line) {
  bool bold = line.style == LineStyle::kBold || line.style == LineStyle::kTotal;
  bool tall = line.style == LineStyle::kTotal;
  if (bold) Put(out, {static_cast<uint8_t>(kEsc), 'E', 1});
  if (tall) Put(out, {static_cast<uint8_t>(kGs), '!', kDoubleHeight});
  out.append(detail::Utf8ToCp858(line.text));
  out.push_back(kLf);
  if (tall) Put(out, {static_cast<uint8_t>(kGs), '!', 0});
  if (bold) Put(out, {static_cast<uint8_t>(kEsc), 'E', 0});
}

}  // namespace

std::string EncodeEscPos(const Printout& printout) {
  std::string out;
  Put(out, {static_cast<uint8_t>(kEsc), '@'});
  Put(out, {static_cast<uint8_t>(kEsc), 't', kEscPosCodePagePc858});
  for (const PrintLine& line : printout.lines()) {
    if (line.style == LineStyle::kQrCode) {
      PutQrCode(out, line.text);
    } else {
      PutLine(out, line);
    }
  }
  Put(out, {static_cast<uint8_t>(kGs), 'V', kPartialCutAfterFeed, 0});
  return out;
}

}  // namespace kasse::printing
