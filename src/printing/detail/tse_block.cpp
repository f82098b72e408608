#include "printing/detail/tse_block.h"

#include "printing/detail/local_time.h"
#include "signing/tse_qr_code.h"

namespace kasse::printing::detail {
namespace {

void AddSigned(Printout& out, const signing::TseTransaction& tx) {
  if (!tx.unit.certified) out.AddCentered(kNotCertifiedMarker, LineStyle::kBold);
  out.AddLeftRight("TSE-Transaktionsnummer", std::to_string(tx.transaction_number));
  out.AddLeftRight("TSE-Signaturzähler", std::to_string(tx.finish.signature_counter));
  out.AddLeftRight("TSE-Start (UTC)", IsoUtcOrInvalid(tx.start.log_time_ms));
  out.AddLeftRight("TSE-Ende (UTC)", IsoUtcOrInvalid(tx.finish.log_time_ms));
  out.AddLeftRight("Seriennummer Kasse", tx.client_id);
  out.AddLabelledBlock("Seriennummer TSE:", tx.unit.serial_number_hex);
  out.AddLeftRight("Signaturalgorithmus", tx.unit.signature_algorithm);
  out.AddLeftRight("Zeitformat", tx.unit.time_format);
  out.AddLeftRight("Prozesstyp", tx.process_type);
  out.AddLabelledBlock("Signatur:", tx.finish.value_base64);
  Result<std::string> qr = signing::ReceiptQrText(tx);
  if (qr.ok()) {
    out.AddQrCode(*qr);
  } else {
    out.Add("QR-Code nicht darstellbar: " + qr.status().message());
  }
}

void AddFailed(Printout& out, const journal::TseRecord& tse) {
  out.AddCentered("*** " + std::string(kTseFailedMarker) + " ***", LineStyle::kBold);
  out.Add("Grund: " + FailureReason(tse));
  if (tse.started) {
    out.AddLeftRight("TSE-Transaktionsnummer", std::to_string(tse.started->transaction_number));
    out.Add("(begonnen, nicht abgeschlossen)");
  }
  out.Add("Datum und Uhrzeit von der Kasse");
}

}  // namespace

std::string FailureReason(const journal::TseRecord& tse) {
  constexpr std::string_view kPrefix = "TSE ausgefallen: ";
  if (tse.failure.empty()) return "keine TSE-Daten";
  std::string_view reason = tse.failure;
  if (reason.starts_with(kPrefix) && reason.size() > kPrefix.size()) reason.remove_prefix(kPrefix.size());
  return std::string(reason);
}

void AddTseBlock(Printout& out, const journal::TseRecord& tse) {
  out.AddRule();
  if (tse.transaction && tse.failure.empty()) {
    AddSigned(out, *tse.transaction);
  } else {
    AddFailed(out, tse);
  }
}

}  // namespace kasse::printing::detail
