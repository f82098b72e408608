#include "domain/receipt.h"

namespace kasse {

std::string_view ReceiptTypeName(ReceiptType type) {
  switch (type) {
    case ReceiptType::kBeleg: return "Beleg";
    case ReceiptType::kAVRechnung: return "AVRechnung";
    case ReceiptType::kAVTransfer: return "AVTransfer";
    case ReceiptType::kAVBestellung: return "AVBestellung";
    case ReceiptType::kAVTraining: return "AVTraining";
    case ReceiptType::kAVBelegstorno: return "AVBelegstorno";
    case ReceiptType::kAVBelegabbruch: return "AVBelegabbruch";
    case ReceiptType::kAVSachbezug: return "AVSachbezug";
    case ReceiptType::kAVSonstige: return "AVSonstige";
  }
  return "?";
}

}  // namespace kasse
