#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "cli/commands.h"
#include "crypto/bytes.h"
#include "crypto/curve.h"
#include "fiscal/receipt_qr.h"
#include "fiscal/tse_signed_data.h"

namespace kasse::cli {
namespace {

void PrintDetails(std::ostream& out, const fiscal::ReceiptQrCode& code, crypto::Curve curve) {
  auto line = [&out](std::string_view label, const std::string& value) {
    fmt::print(out, "  {:<20} {}\n", label, value);
  };
  line("client id", code.client_id);
  line("process type", code.process_type);
  line("process data", code.process_data);
  line("transaction number", std::to_string(code.transaction_number));
  line("signature counter", std::to_string(code.signature_counter));
  line("start", fiscal::TseTimeToIso(code.start_time_ms));
  line("end", fiscal::TseTimeToIso(code.log_time_ms));
  line("algorithm", code.signature_algorithm);
  line("log time format", std::string(fiscal::TseTimeFormatName(code.log_time_format)));
  line("curve", std::string(crypto::CurveName(curve)));
  line("TSE serial", crypto::HexEncode(fiscal::TseSerialNumber(code.public_key)));
}

}  // namespace

int RunVerifyReceipt(std::string_view qr_code, std::ostream& out, std::ostream& err) {
  Result<fiscal::ReceiptQrCode> code = fiscal::ParseReceiptQr(qr_code);
  if (!code.ok()) {
    err << "invalid: " << code.status().message() << "\n";
    return kVerifyReceiptUnreadable;
  }
  Status verified = fiscal::VerifyReceiptQr(*code);
  if (!verified.ok()) {
    err << "invalid: " << verified.message() << "\n";
    return kVerifyReceiptInvalid;
  }
  Result<crypto::Curve> curve = crypto::CurveOfPublicKey(code->public_key);  // found once already by the check
  if (!curve.ok()) throw std::logic_error("verified receipt without a curve: " + curve.status().ToString());
  out << "valid\n";
  PrintDetails(out, *code, *curve);
  return 0;
}

}  // namespace kasse::cli
